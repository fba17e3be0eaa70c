import type { Metadata } from "next";
import { BackLink } from "@/components/dashboard/back-link";
import { DirectoriesSection } from "@/components/directory-sync/directories-section";
import { OrganizationDetails } from "@/components/organizations/organization-details";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { organizationOrNotFound } from "./organization";

export const metadata: Metadata = { title: "Organization" };

export default async function OrganizationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const [staff, organization] = await Promise.all([requireStaff(), organizationOrNotFound(id)]);
  return (
    <>
      <BackLink href="/dashboard">Organizations</BackLink>
      <OrganizationDetails initial={organization} canEdit={hasRole(staff.role, "admin")} />
      <div className="mt-6">
        <DirectoriesSection organizationId={organization.id} />
      </div>
    </>
  );
}
