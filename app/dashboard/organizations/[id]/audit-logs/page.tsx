import type { Metadata } from "next";
import { AuditLogViewer } from "@/components/audit-logs/viewer";
import { BackLink } from "@/components/dashboard/back-link";
import { requireStaff } from "@/server/auth/require-staff";
import { organizationOrNotFound } from "../organization";

export const metadata: Metadata = { title: "Audit logs" };

export default async function OrganizationAuditLogsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  return (
    <>
      <BackLink href={`/dashboard/organizations/${organization.id}`}>{organization.name}</BackLink>
      <h1 className="text-2xl font-semibold text-slate-900">Audit logs</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Events recorded for {organization.name}, newest first.</p>
      <AuditLogViewer surface="staff" organizationId={organization.id} />
    </>
  );
}
