import type { Metadata } from "next";
import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";
import { TRPCProvider } from "@/components/providers/trpc-provider";

export const metadata: Metadata = { title: "Audit Logs · Admin Portal" };

/** The IT admin's audit log: the vendor's frame, and the portal session's rights only. */
export default function AuditLogsLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="audit_logs">
      <TRPCProvider>{children}</TRPCProvider>
    </IntentLayout>
  );
}
