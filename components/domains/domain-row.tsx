"use client";

import { useMutation } from "@tanstack/react-query";
import { ChevronDown, Globe, RefreshCw, RotateCcw, ShieldCheck, Trash2 } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import { CheckResult, outcomeTitle } from "./check-result";
import { DnsRecord } from "./dns-record";
import { DomainStateBadge } from "./domain-state";

type DashboardDomain = RouterOutputs["domains"]["list"][number];

const addedByText = { portal: "the IT admin", staff: "staff", api: "the API" } as const;

function verifiedText(domain: DashboardDomain, who: (label: string | null) => string | null): string {
  if (domain.verification_strategy === "manual") {
    const by = who(domain.verified_by);
    return by ? `Verified manually by ${by}` : "Verified manually";
  }
  return "Verified by DNS";
}

/** One domain on the organization page, with staff's actions: verify now or by hand, restart checks, remove. */
export function DomainRow({
  domain,
  canEdit,
  who,
  onChanged,
}: {
  domain: DashboardDomain;
  canEdit: boolean;
  who: (label: string | null) => string | null;
  onChanged: () => Promise<void>;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const verifyNow = useMutation(trpc.domains.verifyNow.mutationOptions());
  const verifyManually = useMutation(trpc.domains.verifyManually.mutationOptions());
  const restart = useMutation(trpc.domains.restart.mutationOptions());
  const remove = useMutation(trpc.domains.remove.mutationOptions());
  const [open, setOpen] = useState(false);
  const [confirm, setConfirm] = useState<"manual" | "remove" | null>(null);
  const [error, setError] = useState<string>();
  const verified = domain.state === "verified";
  const detailsId = `domain-details-${domain.id}`;
  // Several rows share the same buttons; screen readers hear which domain each one acts on.
  const forDomain = <span className="sr-only"> {domain.domain}</span>;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setError(undefined);
    try {
      await action();
      await onChanged();
      if (done) toast(done);
      return true;
    } catch (e) {
      setError(serverProblem(e).message);
      return false;
    }
  };

  return (
    <li className="px-5 py-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2">
            <Globe aria-hidden className="size-4 shrink-0 text-slate-500" />
            <span className="font-medium break-all text-slate-900">{domain.domain}</span>
            <DomainStateBadge state={domain.state} />
          </p>
          <p className="mt-1 text-xs text-slate-600">
            Added by {addedByText[domain.added_by]} · {verified ? verifiedText(domain, who) : null}
            {!verified && domain.last_check ? (
              <>
                Last check <Time value={domain.last_checked_at} withTime />: {outcomeTitle(domain.last_check.outcome)}
              </>
            ) : null}
            {!verified && !domain.last_check ? "Not checked yet" : null}
          </p>
        </div>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            {!verified ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={verifyNow.isPending}
                onClick={() =>
                  void run(async () => {
                    await verifyNow.mutateAsync({ id: domain.id });
                    setOpen(true);
                  })
                }
              >
                {verifyNow.isPending ? <Spinner className="size-3.5" /> : <RefreshCw aria-hidden className="size-3.5" />} Verify now{forDomain}
              </Button>
            ) : null}
            {domain.state === "failed" ? (
              <Button
                size="sm"
                variant="secondary"
                disabled={restart.isPending}
                onClick={() => void run(() => restart.mutateAsync({ id: domain.id }), `Checking ${domain.domain} again for 7 days`)}
              >
                <RotateCcw aria-hidden className="size-3.5" /> Restart checks{forDomain}
              </Button>
            ) : null}
            {!verified ? (
              <Button size="sm" variant="secondary" onClick={() => setConfirm("manual")}>
                <ShieldCheck aria-hidden className="size-3.5" /> Verify manually{forDomain}
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" className="text-slate-600 hover:text-red-700" onClick={() => setConfirm("remove")}>
              <Trash2 aria-hidden className="size-3.5" /> Remove{forDomain}
            </Button>
          </div>
        ) : null}
      </div>

      {error ? (
        <div className="mt-3">
          <Alert>{error}</Alert>
        </div>
      ) : null}

      {!verified ? (
        <div className="mt-2">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen((v) => !v)}
            className="inline-flex items-center gap-1 rounded text-xs font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <ChevronDown aria-hidden className={`size-3.5 shrink-0 transition-transform ${open ? "rotate-180" : ""}`} /> {open ? "Hide" : "Show"} the TXT record
            and last check
          </button>
          <div id={detailsId} hidden={!open} className="mt-3 grid gap-4 md:grid-cols-2" aria-live="polite">
            {open ? (
              <>
                <DnsRecord host={`${domain.verification_prefix}.${domain.domain}`} value={domain.verification_token ?? ""} />
                {domain.last_check ? (
                  <CheckResult check={domain.last_check} checkedAt={domain.last_checked_at} />
                ) : (
                  <p className="text-sm text-slate-600">No DNS check yet.</p>
                )}
              </>
            ) : null}
          </div>
        </div>
      ) : null}

      <ConfirmDialog
        open={confirm !== null}
        onOpenChange={(next) => !next && setConfirm(null)}
        title={confirm === "manual" ? `Verify ${domain.domain} manually?` : `Remove ${domain.domain}?`}
        description={
          confirm === "manual"
            ? "Mark the domain verified without a DNS record, on your word. Your name is recorded with it. Only do this when you know the organization owns the domain."
            : "The domain is deleted from the organization, with its verification. It can be added again later and will need verifying again."
        }
      >
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button
            variant={confirm === "remove" ? "danger" : "primary"}
            disabled={verifyManually.isPending || remove.isPending}
            onClick={() => {
              const action = confirm === "manual" ? () => verifyManually.mutateAsync({ id: domain.id }) : () => remove.mutateAsync({ id: domain.id });
              setConfirm(null);
              void run(action, confirm === "manual" ? `Verified ${domain.domain}` : `Removed ${domain.domain}`);
            }}
          >
            {confirm === "manual" ? "Verify manually" : "Remove domain"}
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </li>
  );
}
