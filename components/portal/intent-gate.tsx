import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { getDb } from "@/db/client";
import type { PortalIntent } from "@/db/schema";
import { currentPortalSession } from "@/server/portal/current-session";
import { intentLabels, type PortalSession } from "@/server/services/portal";
import { getBranding, type Branding } from "@/server/services/settings/branding";
import { portalCaller } from "@/server/trpc/caller";
import { LinkProblemPage } from "./link-problem";
import { PortalFrame } from "./portal-frame";

export interface IntentPageContext {
  session: PortalSession;
  branding: Branding;
  /** Where "Finish" goes once the feature is set up: the link's success URL or the Redirects setting. */
  successUrl: string | null;
}

/**
 * The common start of every feature's portal page: a live session whose link includes the feature
 * (typing another feature's URL is refused), the feature marked as started, then the page itself.
 */
export async function renderIntentPage(intent: PortalIntent, render: (context: IntentPageContext) => ReactNode): Promise<ReactNode> {
  const resolved = await currentPortalSession();
  if (!resolved.ok) return <LinkProblemPage reason={resolved.reason} />;
  const { session } = resolved;
  const branding = await getBranding(await getDb());
  const frame = (children: ReactNode) => (
    <PortalFrame branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} width="narrow">
      {children}
    </PortalFrame>
  );
  if (!session.intents.includes(intent)) {
    return frame(
      <div className="py-6 text-center">
        <h1 className="text-xl font-semibold text-slate-900">This link does not include {intentLabels[intent]}</h1>
        <p className="mt-2 text-sm text-slate-600">Ask the person who sent you the link for one that includes it.</p>
        <BackToSetup className="mt-6" />
      </div>,
    );
  }
  const { successUrl } = await (await portalCaller(session)).portal.overview.startIntent({ intent });
  return frame(render({ session, branding, successUrl }));
}

export function BackToSetup({ className = "" }: { className?: string }) {
  return (
    <Link
      href="/portal"
      className={`inline-flex items-center gap-1.5 rounded text-sm font-medium text-slate-700 hover:text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${className}`}
    >
      <ArrowLeft className="size-4" aria-hidden /> All features
    </Link>
  );
}
