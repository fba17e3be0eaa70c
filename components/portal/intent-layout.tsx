import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import type { PortalIntent } from "@/db/schema";
import { portalGate } from "@/server/portal/gate";
import { intentLabels } from "@/server/services/portal";
import { LinkProblemPage } from "./link-problem";
import { PortalFrame } from "./portal-frame";

/**
 * The frame of every feature's portal screens, behind the one portal gate: a live session whose link
 * includes the feature, or a page saying why not.
 */
export async function IntentLayout({ intent, width = "wide", children }: { intent: PortalIntent; width?: "wide" | "narrow"; children: ReactNode }) {
  const gate = await portalGate(intent);
  if (gate.kind === "problem") return <LinkProblemPage reason={gate.reason} />;
  const { session, branding } = gate;
  return (
    <PortalFrame branding={branding} organizationName={session.organizationName} returnUrl={session.returnUrl} width={width}>
      {gate.kind === "ok" ? (
        children
      ) : (
        <div className="py-6 text-center">
          <h1 className="text-xl font-semibold text-slate-900">This link does not include {intentLabels[intent]}</h1>
          <p className="mt-2 text-sm text-slate-600">Ask the person who sent you the link for one that includes it.</p>
          <BackToSetup className="mt-6" />
        </div>
      )}
    </PortalFrame>
  );
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
