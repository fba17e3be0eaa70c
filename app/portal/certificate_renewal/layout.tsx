import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** Certificate renewal in the Admin Portal: only for a live portal session whose link includes it. */
export default function CertificateRenewalLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="certificate_renewal" width="narrow">
      <TRPCProvider>{children}</TRPCProvider>
    </IntentLayout>
  );
}
