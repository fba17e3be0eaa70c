import type { Metadata } from "next";
import { IntentCard } from "@/components/portal/intent-card";
import { LinkProblemPage } from "@/components/portal/link-problem";
import { PortalFrame } from "@/components/portal/portal-frame";
import { Time } from "@/components/ui/time";
import { portalGate } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export const metadata: Metadata = { title: "Admin Portal" };

export default async function PortalHome() {
  const gate = await portalGate(null);
  if (gate.kind !== "ok") return <LinkProblemPage reason={gate.kind === "problem" ? gate.reason : "unknown"} />;
  const { session, branding } = gate;
  const overview = await loadOrNotFound(portalTrpc.portal.overview.get.queryOptions());
  const complete = overview.intents.filter(({ status }) => status === "complete").length;
  const total = overview.intents.length;
  return (
    <PortalFrame branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl}>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Set up {session.organizationName}</h1>
      <p className="mt-1 max-w-2xl text-sm text-slate-600">
        {branding.productName} needs a few details from your IT team. Each card walks you through one feature.{" "}
        {session.linkKind === "setup" ? (
          "You can leave and come back with the same link while it is active."
        ) : (
          <>
            This link opens only once: finish in this browser before <Time value={session.expiresAt.toISOString()} withTime />, or ask for a new link.
          </>
        )}
      </p>
      <div className="mt-6 flex items-center gap-3">
        <div
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200"
          role="progressbar"
          aria-label="Features complete"
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={complete}
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width]" style={{ width: `${total ? (complete / total) * 100 : 0}%` }} />
        </div>
        <p className="shrink-0 text-sm font-medium text-slate-700">
          {complete} of {total} complete
        </p>
      </div>
      <ul className="mt-6 grid gap-4 sm:grid-cols-2" aria-label="Features to set up">
        {overview.intents.map(({ intent, label, status }) => (
          <IntentCard key={intent} intent={intent} label={label} status={status} />
        ))}
      </ul>
    </PortalFrame>
  );
}
