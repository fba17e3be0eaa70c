import { ArrowRight, CheckCircle2, Circle, CircleDot, FileClock, Globe, KeyRound, Radio, ScrollText, Users, type LucideIcon } from "lucide-react";
import Link from "next/link";
import type { PortalIntent } from "@/db/schema";
import type { IntentStatus } from "@/server/services/portal";
import { buttonClass } from "@/components/ui/button";
import { intentDescriptions, intentsWithScreens } from "./features";

const statusLabel: Record<IntentStatus, { text: string; className: string; icon: LucideIcon }> = {
  not_started: { text: "Not started", className: "bg-slate-100 text-slate-700 ring-slate-500/25", icon: Circle },
  in_progress: { text: "In progress", className: "bg-amber-50 text-amber-900 ring-amber-600/30", icon: CircleDot },
  complete: { text: "Complete", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/25", icon: CheckCircle2 },
};

const intentIcons: Record<PortalIntent, LucideIcon> = {
  domain_verification: Globe,
  sso: KeyRound,
  dsync: Users,
  audit_logs: ScrollText,
  log_streams: Radio,
  certificate_renewal: FileClock,
};

export function IntentStatusBadge({ status }: { status: IntentStatus }) {
  const badge = statusLabel[status];
  const Icon = badge.icon;
  return (
    <span className={`inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${badge.className}`}>
      <Icon className="size-3.5" aria-hidden />
      {badge.text}
    </span>
  );
}

/** One feature of the link: what it is, where it stands, and the way into its screens. */
export function IntentCard({ intent, label, status }: { intent: PortalIntent; label: string; status: IntentStatus }) {
  const Icon = intentIcons[intent];
  const available = intentsWithScreens.has(intent);
  const headingId = `intent-${intent}`;
  return (
    <li aria-labelledby={headingId} className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">
            <Icon className="size-4.5" aria-hidden />
          </span>
          <h2 id={headingId} className="text-base font-semibold text-slate-900">
            {label}
          </h2>
        </div>
        <IntentStatusBadge status={status} />
      </div>
      <p className="mt-3 flex-1 text-sm text-slate-600">{intentDescriptions[intent]}</p>
      {available ? null : <p className="mt-2 text-xs text-slate-600">The setup screens for this feature are not available yet.</p>}
      <Link
        href={`/portal/${intent}`}
        aria-label={`${status === "not_started" ? "Start" : status === "complete" ? "Review" : "Continue"} ${label}`}
        className={`${buttonClass(available && status !== "complete" ? "primary" : "secondary")} mt-4 self-start`}
      >
        {status === "not_started" ? "Start" : status === "complete" ? "Review" : "Continue"}
        <ArrowRight className="size-4" aria-hidden />
      </Link>
    </li>
  );
}
