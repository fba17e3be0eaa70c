import type { Metadata } from "next";
import { PolisImport } from "@/components/import/polis-import";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Import from Polis" };

export default async function ImportPolisPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="Import from Polis" description="Move SSO connections and SCIM directories from Ory Polis (BoxyHQ Jackson) into Portico." />
      <PolisImport canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
