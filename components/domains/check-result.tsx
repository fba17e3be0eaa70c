import { CheckCircle2, CircleAlert, SearchX, TimerOff, type LucideIcon } from "lucide-react";
import { Time } from "@/components/ui/time";

interface DomainCheck {
  outcome: "verified" | "no_record" | "wrong_value" | "nxdomain" | "timeout" | "dns_error";
  found: string[];
  detail: string;
}

const outcomes: Record<DomainCheck["outcome"], { title: string; icon: LucideIcon; tone: string }> = {
  verified: { title: "Verified: the TXT record matches", icon: CheckCircle2, tone: "border-emerald-200 bg-emerald-50 text-emerald-900" },
  no_record: { title: "No TXT record at that name", icon: SearchX, tone: "border-amber-200 bg-amber-50 text-amber-900" },
  wrong_value: { title: "Records found, but none with the expected value", icon: CircleAlert, tone: "border-red-200 bg-red-50 text-red-900" },
  nxdomain: { title: "The domain does not exist", icon: CircleAlert, tone: "border-red-200 bg-red-50 text-red-900" },
  timeout: { title: "The DNS lookup timed out", icon: TimerOff, tone: "border-amber-200 bg-amber-50 text-amber-900" },
  dns_error: { title: "The DNS lookup failed", icon: CircleAlert, tone: "border-amber-200 bg-amber-50 text-amber-900" },
};

/** Titles for places with room for one line only (tables). */
export function outcomeTitle(outcome: DomainCheck["outcome"]): string {
  return outcomes[outcome].title;
}

/** What the last DNS lookup found, in words, with the TXT values it saw when none matched. */
export function CheckResult({ check, checkedAt, live = false }: { check: DomainCheck; checkedAt?: string | null; live?: boolean }) {
  const { title, icon: Icon, tone } = outcomes[check.outcome];
  return (
    <div role={live ? "status" : undefined} className={`rounded-md border px-3.5 py-3 text-sm ${tone}`}>
      <div className="flex gap-2.5">
        <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0 flex-1">
          <p className="font-medium">{title}</p>
          <p className="mt-0.5">{check.detail}</p>
          {check.outcome === "wrong_value" && check.found.length > 0 ? (
            <div className="mt-2">
              <p className="text-xs font-medium">Found instead:</p>
              <ul className="mt-1 space-y-1">
                {check.found.map((value, i) => (
                  <li key={i}>
                    <code className="block rounded bg-white/70 px-2 py-1 font-mono text-xs break-all text-slate-800">{value || "(empty)"}</code>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {checkedAt ? (
            <p className="mt-1.5 text-xs opacity-90">
              Checked <Time value={checkedAt} withTime />
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
