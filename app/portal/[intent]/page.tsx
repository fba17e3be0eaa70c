import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArrowLeft, Hammer } from "lucide-react";
import { getDb } from "@/db/client";
import { portalIntents, type PortalIntent } from "@/db/schema";
import { intentDescriptions } from "@/components/portal/intent-card";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalHeader } from "@/components/portal/portal-header";
import { currentPortalSession } from "@/server/portal/current-session";
import { intentLabels, markIntentStarted } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";

export const metadata: Metadata = { title: "Admin Portal" };

export default async function IntentPage({ params }: { params: Promise<{ intent: string }> }) {
  const { intent: raw } = await params;
  if (!(portalIntents as readonly string[]).includes(raw)) notFound();
  const intent = raw as PortalIntent;
  const resolved = await currentPortalSession();
  if (!resolved.ok) return <LinkProblemPage reason={resolved.reason} />;
  const { session } = resolved;
  const db = await getDb();
  const branding = await getBranding(db);
  // A feature the link was not made for is refused, even if its URL is typed in.
  if (!session.intents.includes(intent)) {
    return (
      <div className="min-h-screen bg-slate-50">
        <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
        <main className="mx-auto max-w-2xl px-4 py-12 text-center sm:px-6">
          <h1 className="text-xl font-semibold text-slate-900">This link does not include {intentLabels[intent]}</h1>
          <p className="mt-2 text-sm text-slate-600">Ask the person who sent you the link for one that includes it.</p>
          <Link href="/portal" className="mt-6 inline-block text-sm font-medium text-slate-700 underline">
            Back to your setup
          </Link>
        </main>
      </div>
    );
  }
  await markIntentStarted(db, session.organizationId, intent);
  return (
    <div className="min-h-screen bg-slate-50">
      <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
      <main className="mx-auto max-w-2xl px-4 py-8 sm:px-6">
        <Link href="/portal" className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-700 hover:underline">
          <ArrowLeft className="size-4" aria-hidden="true" /> All features
        </Link>
        <h1 className="mt-4 text-2xl font-semibold text-slate-900">{intentLabels[intent]}</h1>
        <p className="mt-1 text-sm text-slate-600">{intentDescriptions[intent]}</p>
        <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center" aria-labelledby="coming-soon">
          <Hammer className="mx-auto size-8 text-slate-500" aria-hidden="true" />
          <h2 id="coming-soon" className="mt-3 font-semibold text-slate-900">
            Setup screens for {intentLabels[intent]} are not available yet
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            This installation of {branding.productName} does not offer them yet. Your link stays active; come back to it later.
          </p>
        </section>
      </main>
    </div>
  );
}
