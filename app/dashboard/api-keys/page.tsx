import { BookOpen } from "lucide-react";
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
      <PageHeader
        title="API keys"
        description="Credentials your backend uses to call the Portico API."
        action={
          <a
            href="/docs/api"
            className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
          >
            <BookOpen aria-hidden className="size-4" />
            API reference
          </a>
        }
      />
      <ApiKeysPanel canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
