import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";
import { TRPCProvider } from "@/components/providers/trpc-provider";

export default function DomainVerificationLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="domain_verification" width="narrow">
      <TRPCProvider>{children}</TRPCProvider>
    </IntentLayout>
  );
}
