import Link from "next/link";
import { Alert } from "@/components/ui/feedback";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { expiryPhrase } from "./expiry-phrase";

/** Staff's warning of certificates within 90 days of expiry, each linking to its connection page: every organization's, or one's. */
export async function ExpiringCertificatesNotice({ organizationId, className = "" }: { organizationId?: string; className?: string }) {
  const warnings = await loadOrNotFound(dashboardTrpc.connections.expiringCertificates.queryOptions({ organizationId }));
  if (warnings.length === 0) return null;
  return (
    <div className={className}>
      <Alert tone="amber" title={`SSO certificate${warnings.length === 1 ? "" : "s"} to renew`}>
        <ul className="mt-1 space-y-1">
          {warnings.map((w) => (
            <li key={w.connectionId}>
              <Link
                href={`/dashboard/organizations/${w.organizationId}/connections/${w.connectionId}`}
                className="font-medium underline hover:no-underline focus-visible:outline-2 focus-visible:outline-amber-700"
              >
                {organizationId ? w.connectionName : `${w.organizationName}: ${w.connectionName}`}
              </Link>{" "}
              {expiryPhrase(w)}
            </li>
          ))}
        </ul>
      </Alert>
    </div>
  );
}
