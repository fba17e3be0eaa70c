import { ArrowRight, CheckCircle2, Circle, CircleDot } from "lucide-react";
import Link from "next/link";
import type { PortalIntent } from "@/db/schema";
import type { IntentStatus } from "@/server/services/portal";
import { textColorOn } from "./colors";

const statusLabel: Record<IntentStatus, { text: string; className: string; icon: typeof Circle }> = {
  not_started: { text: "Not started", className: "bg-slate-100 text-slate-700", icon: Circle },
  in_progress: { text: "In progress", className: "bg-amber-50 text-amber-800", icon: CircleDot },
  complete: { text: "Complete", className: "bg-emerald-50 text-emerald-800", icon: CheckCircle2 },
};

export const intentDescriptions: Record<PortalIntent, string> = {
  domain_verification: "Prove your organization owns its email domains with a DNS record.",
  sso: "Connect your identity provider so your people sign in with SAML or OIDC.",
  dsync: "Provision and deprovision users and groups automatically with SCIM.",
  audit_logs: "Review and export the activity of your organization.",
  log_streams: "Stream audit logs to your SIEM: Datadog, Splunk or any HTTPS endpoint.",
  certificate_renewal: "Rotate the signing certificate of your SSO connection before it expires.",
};

export function IntentCard({ intent, label, status, color }: { intent: PortalIntent; label: string; status: IntentStatus; color: string }) {
  const badge = statusLabel[status];
  const Icon = badge.icon;
  return (
    <li className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-start justify-between gap-3">
        <h2 className="text-base font-semibold text-slate-900">{label}</h2>
        <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${badge.className}`}>
          <Icon className="size-3.5" aria-hidden="true" />
          {badge.text}
        </span>
      </div>
      <p className="mt-2 flex-1 text-sm text-slate-600">{intentDescriptions[intent]}</p>
      <Link
        href={`/portal/${intent}`}
        className="mt-4 inline-flex items-center gap-1.5 self-start rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
        style={{ backgroundColor: color, color: textColorOn(color) }}
      >
        {status === "not_started" ? "Start" : status === "complete" ? "Review" : "Continue"}
        <ArrowRight className="size-4" aria-hidden="true" />
      </Link>
    </li>
  );
}
