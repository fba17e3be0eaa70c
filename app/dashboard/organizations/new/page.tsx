import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/card";
import { CreateOrganization } from "@/components/organizations/create-organization";
import { BackLink } from "@/components/dashboard/back-link";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Create organization" };

export default async function NewOrganizationPage() {
  const staff = await requireStaff();
  if (!hasRole(staff.role, "admin")) redirect("/dashboard");
  return (
    <>
      <BackLink href="/dashboard">Organizations</BackLink>
      <PageHeader title="Create organization" description="Add a customer. You can add domains and metadata now or later." />
      <CreateOrganization />
    </>
  );
}
