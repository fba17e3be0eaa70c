import type { ReactNode } from "react";
import { IntentLayout } from "@/components/portal/intent-layout";

/** The SSO screens of the Admin Portal: only for a live portal session whose link includes `sso`. */
export default function PortalSsoLayout({ children }: { children: ReactNode }) {
  return (
    <IntentLayout intent="sso" width="narrow">
      {children}
    </IntentLayout>
  );
}
