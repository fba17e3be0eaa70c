import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";
import { TRPCProvider } from "@/components/providers/trpc-provider";

/** The SSO screens of the Admin Portal: only for a live portal session whose link includes `sso`. */
export default function PortalSsoLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="sso" width="narrow">
      <TRPCProvider>{children}</TRPCProvider>
    </IntentLayout>
  );
}
