import type { ReactNode } from "react";
import Link from "next/link";
import { getDb } from "@/db/client";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalHeader } from "@/components/portal/portal-header";
import { ToastProvider } from "@/components/providers/toast-provider";
import { TRPCProvider } from "@/components/providers/trpc-provider";
import { currentPortalSession } from "@/server/portal/current-session";
import { markIntentStarted } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";

export const dynamic = "force-dynamic";

/** The SSO screens of the Admin Portal: only for a live portal session whose link includes `sso`. */
export default async function PortalSsoLayout({ children }: { children: ReactNode }) {
  const resolved = await currentPortalSession();
  if (!resolved.ok) return <LinkProblemPage reason={resolved.reason} />;
  const { session } = resolved;
  const db = await getDb();
  const branding = await getBranding(db);
  if (!session.intents.includes("sso")) {
    return (
      <div className="min-h-screen bg-slate-50">
        <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
        <main className="mx-auto max-w-2xl px-4 py-12 text-center sm:px-6">
          <h1 className="text-xl font-semibold text-slate-900">This link does not include Single Sign-On</h1>
          <p className="mt-2 text-sm text-slate-600">Ask the person who sent you the link for one that includes it.</p>
          <Link href="/portal" className="mt-6 inline-block text-sm font-medium text-slate-700 underline">
            Back to your setup
          </Link>
        </main>
      </div>
    );
  }
  await markIntentStarted(db, session.organizationId, "sso");
  return (
    <div className="min-h-screen bg-slate-50">
      <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
      <TRPCProvider>
        <ToastProvider>
          <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">{children}</main>
        </ToastProvider>
      </TRPCProvider>
    </div>
  );
}
