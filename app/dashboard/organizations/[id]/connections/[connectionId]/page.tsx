import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import { StaffConnection } from "@/components/connections/staff-connection";
import { ConnectionHistory } from "@/components/certificates/connection-history";
import { RenewalLinkButton } from "@/components/certificates/renewal-link-button";
import { ExpiringCertificatesNotice } from "@/components/certificates/expiry-notice";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export const metadata: Metadata = { title: "SSO connection" };

export default async function StaffConnectionPage({ params }: { params: Promise<{ id: string; connectionId: string }> }) {
  const { id, connectionId } = await params;
  const [staff, connection] = await Promise.all([requireStaff(), loadOrNotFound(dashboardTrpc.connections.get.queryOptions({ id: connectionId }))]);
  // The URL names the organization too: a connection of another one is not found here.
  if (connection.organizationId !== id) notFound();
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}`}>Organization</BackLink>
      <Hydrate>
        <StaffConnection id={connection.id} canEdit={hasRole(staff.role, "admin")} />
      </Hydrate>
      <div className="mt-6 space-y-6">
        <ExpiringCertificatesNotice organizationId={id} />
        {hasRole(staff.role, "admin") && !connection.oidc ? <RenewalLinkButton organizationId={id} connectionId={connection.id} /> : null}
        <ConnectionHistory connectionId={connection.id} />
      </div>
    </>
  );
}
