import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { OrganizationsList } from "@/components/organizations/organizations-list";
import { ExpiringCertificatesNotice } from "@/components/certificates/expiry-notice";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Organizations" };

export default async function OrganizationsPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Organizations" description="Your customers, their domains and how to reach them through the API." />
      <ExpiringCertificatesNotice className="mb-6" />
      <OrganizationsList canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
