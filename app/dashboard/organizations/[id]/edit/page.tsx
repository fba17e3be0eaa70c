import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import { PageHeader } from "@/components/ui/card";
import { EditOrganization } from "@/components/organizations/edit-organization";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { organizationOrNotFound } from "../organization";

export const metadata: Metadata = { title: "Edit organization" };

export default async function EditOrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [staff, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  if (!hasRole(staff.role, "admin")) redirect(`/dashboard/organizations/${id}`);
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}`}>{organization.name}</BackLink>
      <PageHeader title="Edit organization" />
      <EditOrganization organization={organization} />
    </>
  );
}
