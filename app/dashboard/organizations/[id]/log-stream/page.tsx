import type { Metadata } from "next";
import { BackLink } from "@/components/dashboard/back-link";
import { DashboardLogStream } from "@/components/log-streams/manager";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { organizationOrNotFound } from "../organization";

export const metadata: Metadata = { title: "Log stream" };

export default async function OrganizationLogStreamPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [staff, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  return (
    <>
      <BackLink href={`/dashboard/organizations/${organization.id}`}>{organization.name}</BackLink>
      <h1 className="text-2xl font-semibold text-slate-900">Log stream</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Where {organization.name}&apos;s audit-log events are streamed.</p>
      <DashboardLogStream organizationId={organization.id} canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
