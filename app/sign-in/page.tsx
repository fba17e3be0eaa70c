import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthShell } from "@/components/auth/auth-shell";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentStaff } from "@/server/auth/current-staff";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await currentStaff()) redirect("/dashboard");
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
