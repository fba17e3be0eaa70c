import type { Metadata } from "next";
import { RedirectsSettings } from "@/components/settings/redirects-form";
import { PageHeader } from "@/components/ui/card";
import { portalIntents } from "@/db/schema";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";
import { intentLabels } from "@/server/services/portal";

export const metadata: Metadata = { title: "Redirects" };

const features = portalIntents.map((intent) => ({ intent, label: intentLabels[intent] }));

export default async function RedirectsPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Redirects" description="Where the Admin Portal sends IT admins, and where SSO sign-ins may return to." />
      <RedirectsSettings features={features} canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
