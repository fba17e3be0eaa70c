"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Alert } from "@/components/ui/feedback";

interface ExpiryWarning {
  organizationId: string;
  organizationName: string;
  connectionId: string;
  connectionName: string;
  expiresAt: string;
  daysUntilExpiry: number;
  isExpired: boolean;
}

export function expiryPhrase(w: Pick<ExpiryWarning, "daysUntilExpiry" | "isExpired" | "expiresAt">): string {
  const date = w.expiresAt.slice(0, 10);
  if (w.isExpired) return `expired on ${date}`;
  return `expires in ${w.daysUntilExpiry} day${w.daysUntilExpiry === 1 ? "" : "s"} (${date})`;
}

/** The list of connections whose certificates need renewing, each linking to its connection page. */
function ExpiryWarnings({ warnings, showOrganization }: { warnings: ExpiryWarning[]; showOrganization: boolean }) {
  if (warnings.length === 0) return null;
  return (
    <Alert tone="amber" title={`SSO certificate${warnings.length === 1 ? "" : "s"} to renew`}>
      <ul className="mt-1 space-y-1">
        {warnings.map((w) => (
          <li key={w.connectionId}>
            <Link
              href={`/dashboard/organizations/${w.organizationId}/connections/${w.connectionId}`}
              className="font-medium underline hover:no-underline focus-visible:outline-2 focus-visible:outline-amber-700"
            >
              {showOrganization ? `${w.organizationName}: ${w.connectionName}` : w.connectionName}
            </Link>{" "}
            {expiryPhrase(w)}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** Staff's warning of certificates within 90 days of expiry: every organization's, or one's. */
export function ExpiringCertificatesNotice({ organizationId, className = "" }: { organizationId?: string; className?: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.connections.expiringCertificates.queryOptions({ organizationId }));
  if (!query.data?.length) return null;
  return (
    <div className={className}>
      <ExpiryWarnings warnings={query.data} showOrganization={!organizationId} />
    </div>
  );
}
