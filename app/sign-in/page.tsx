import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { FirstRunNotice } from "@/components/auth/first-run-notice";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentStaff } from "@/server/auth/current-staff";
import { openContext } from "@/server/services/context";
import { awaitingFirstOwner } from "@/server/services/staff";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentStaff()) redirect("/dashboard");
  // A fresh installation has nobody to sign in yet: say where the owner's setup link is.
  if (await awaitingFirstOwner(await openContext({ type: "public", entry: "sign-in" }))) {
    return (
      <AuthShell title="Portico has no owner yet" description="No one can sign in until the owner account exists.">
        <FirstRunNotice />
      </AuthShell>
    );
  }
  return (
    <AuthShell
      title="Sign in to Portico"
      description="Staff dashboard for organizations, API keys and access."
      footer="New here? Ask an owner of this installation for an invitation link."
    >
      <SignInForm />
    </AuthShell>
  );
}
