import type { Metadata } from "next";
import { BrandingSettings } from "@/components/settings/branding-form";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Branding" };

export default async function BrandingPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Branding" description="How the Admin Portal and its emails look to your customers' IT admins." />
      <BrandingSettings canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
