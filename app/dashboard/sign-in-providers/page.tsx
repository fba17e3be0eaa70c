import type { Metadata } from "next";
import { OAuthProvidersSettings } from "@/components/settings/oauth-providers-form";
import { PageHeader } from "@/components/ui/card";
import { requireStaff } from "@/server/auth/require-staff";
import { hasRole } from "@/server/services/context";

export const metadata: Metadata = { title: "Sign-in providers" };

export default async function SignInProvidersPage() {
  const staff = await requireStaff();
  return (
    <>
      <PageHeader
        title="Sign-in providers"
        description="Google and Microsoft accounts sign in through your own OAuth clients, for every app of this installation."
      />
      <OAuthProvidersSettings canEdit={hasRole(staff.role, "admin")} />
    </>
  );
}
