import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";

export default function DomainVerificationLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="domain_verification" width="narrow">
      {children}
    </IntentLayout>
  );
}
