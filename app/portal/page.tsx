import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { IntentCard } from "@/components/portal/intent-card";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalHeader } from "@/components/portal/portal-header";
import { currentPortalSession } from "@/server/portal/current-session";
import { intentLabels, intentStatuses } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";

export const metadata: Metadata = { title: "Admin Portal" };

export default async function PortalHome() {
  const resolved = await currentPortalSession();
  if (!resolved.ok) return <LinkProblemPage reason={resolved.reason} />;
  const { session } = resolved;
  const db = await getDb();
  const [branding, statuses] = await Promise.all([getBranding(db), intentStatuses(db, session.organizationId, session.intents)]);
  return (
    <div className="min-h-screen bg-slate-50">
      <PortalHeader branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} />
      <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
        <h1 className="text-2xl font-semibold text-slate-900">Set up {session.organizationName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {branding.productName} needs a few details from your IT team. Each card below walks you through one feature.
        </p>
        <ul className="mt-6 grid gap-4 sm:grid-cols-2" aria-label="Features to set up">
          {session.intents.map((intent) => (
            <IntentCard key={intent} intent={intent} label={intentLabels[intent]} status={statuses[intent]} color={branding.primaryColor} />
          ))}
        </ul>
      </main>
    </div>
  );
}
