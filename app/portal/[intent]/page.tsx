import { Hammer } from "lucide-react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { portalIntents, type PortalIntent } from "@/db/schema";
import { intentDescriptions } from "@/components/portal/features";
import { BackToSetup } from "@/components/portal/intent-layout";
import { openedPortalIntent } from "@/server/portal/gate";
import { intentLabels } from "@/server/services/portal";

export const metadata: Metadata = { title: "Admin Portal" };

/** Features whose screens have not arrived yet: the link stays usable and says so. */
export default async function IntentPlaceholderPage({ params }: { params: Promise<{ intent: string }> }) {
  const { intent: raw } = await params;
  if (!(portalIntents as readonly string[]).includes(raw)) notFound();
  const intent = raw as PortalIntent;
  const { branding } = await openedPortalIntent(intent);
  return (
    <>
      <BackToSetup />
      <h1 className="mt-4 text-2xl font-semibold tracking-tight text-slate-900">{intentLabels[intent]}</h1>
      <p className="mt-1 text-sm text-slate-600">{intentDescriptions[intent]}</p>
      <section className="mt-6 rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center" aria-labelledby="coming-soon">
        <Hammer className="mx-auto size-8 text-slate-500" aria-hidden />
        <h2 id="coming-soon" className="mt-3 font-semibold text-slate-900">
          Setup screens for {intentLabels[intent]} are not available yet
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          This installation of {branding.productName} does not offer them yet. Your link stays active; come back to it later.
        </p>
      </section>
    </>
  );
}
