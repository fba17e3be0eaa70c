import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { IntentCard } from "@/components/portal/intent-card";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalFrame } from "@/components/portal/portal-frame";
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
  const complete = session.intents.filter((intent) => statuses[intent] === "complete").length;
  const total = session.intents.length;
  return (
    <PortalFrame branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl}>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Set up {session.organizationName}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {branding.productName} needs a few details from your IT team. Each card walks you through one feature; you can leave and come
        back with the same link while it is active.
      </p>
      <div className="mt-6 flex items-center gap-3">
        <div className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200" role="progressbar" aria-label="Features complete" aria-valuemin={0} aria-valuemax={total} aria-valuenow={complete}>
          <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${total ? (complete / total) * 100 : 0}%` }} />
        </div>
        <p className="shrink-0 text-sm font-medium text-slate-700">
          {complete} of {total} complete
        </p>
      </div>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2" aria-label="Features to set up">
        {session.intents.map((intent) => (
          <IntentCard key={intent} intent={intent} label={intentLabels[intent]} status={statuses[intent]} />
        ))}
      </ul>
    </PortalFrame>
  );
}
