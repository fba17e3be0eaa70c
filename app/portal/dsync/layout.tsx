import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalHeader } from "@/components/portal/portal-header";
import { ToastProvider } from "@/components/providers/toast-provider";
import { TRPCProvider } from "@/components/providers/trpc-provider";
import { dsyncGate } from "./gate";

export const metadata: Metadata = { title: "Directory Sync · Admin Portal" };
export const dynamic = "force-dynamic";

/** The IT admin's Directory Sync screens: the vendor's header, and the portal session's rights only. */
export default async function DirectorySyncLayout({ children }: { children: ReactNode }) {
  const gate = await dsyncGate();
  if (gate.kind === "problem") return <LinkProblemPage reason={gate.reason} />;
  const { session, branding } = gate;
  return (
    <div className="min-h-screen bg-slate-50">
      <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
      {gate.kind === "no_intent" ? (
        // A feature the link was not made for is refused, even if its URL is typed in.
        <main className="mx-auto max-w-2xl px-4 py-12 text-center sm:px-6">
          <h1 className="text-xl font-semibold text-slate-900">This link does not include Directory Sync</h1>
          <p className="mt-2 text-sm text-slate-600">Ask the person who sent you the link for one that includes it.</p>
          <Link href="/portal" className="mt-6 inline-block text-sm font-medium text-slate-700 underline">
            Back to your setup
          </Link>
        </main>
      ) : (
        <TRPCProvider>
          <ToastProvider>
            <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">{children}</main>
          </ToastProvider>
        </TRPCProvider>
      )}
    </div>
  );
}
