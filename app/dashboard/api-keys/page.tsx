import type { Metadata } from "next";
import { ApiKeysPanel } from "@/components/api-keys/api-keys-panel";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader title="API keys" description="Credentials your backend uses to call the Portico API." />
      <ApiKeysPanel canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
