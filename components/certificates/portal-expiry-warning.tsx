"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert } from "@/components/ui/feedback";
import { expiryPhrase } from "./expiry-phrase";

/** The portal's SSO screen: the IdP certificate that needs renewing, and what that takes. */
export function PortalExpiryWarning() {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.sso.expiringCertificates.queryOptions());
  if (!query.data?.length) return null;
  return (
    <Alert tone="amber" title="Your IdP signing certificate needs renewing">
      <ul className="mt-1 space-y-1">
        {query.data.map((w) => (
          <li key={w.connectionId}>
            The certificate of {w.connectionName} {expiryPhrase(w)}. Create a new one at your identity provider and add it here before then: sign-ins fail once
            no configured certificate is valid.
          </li>
        ))}
      </ul>
    </Alert>
  );
}
