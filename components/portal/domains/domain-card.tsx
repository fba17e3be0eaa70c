"use client";

import { useMutation } from "@tanstack/react-query";
import { ChevronDown, Globe, RefreshCw, Trash2 } from "lucide-react";
import { useState } from "react";
import { CheckResult } from "@/components/domains/check-result";
import { DnsRecord } from "@/components/domains/dns-record";
import { DomainStateBadge } from "@/components/domains/domain-state";
import { ProviderInstructions } from "@/components/domains/provider-instructions";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";

type Domain = RouterOutputs["portal"]["domains"]["list"][number];

function Step({ n, title, children }: { n: number; title: string; children: React.ReactNode }) {
  return (
    <li className="relative pl-9">
      <span
        aria-hidden
        className="absolute top-0 left-0 flex size-6 items-center justify-center rounded-full bg-brand-50 text-xs font-semibold text-brand-800 ring-1 ring-brand-100"
      >
        {n}
      </span>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <div className="mt-2 space-y-3">{children}</div>
    </li>
  );
}

/** One domain: the record to publish, how to publish it, and "Verify now" with what DNS said. */
export function DomainCard({ domain, onChanged }: { domain: Domain; onChanged: () => Promise<void> }) {
  const trpc = useTRPC();
  const verify = useMutation(trpc.portal.domains.verifyNow.mutationOptions());
  const remove = useMutation(trpc.portal.domains.remove.mutationOptions());
  const [showHelp, setShowHelp] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const headingId = `domain-${domain.id}`;
  const host = `${domain.verification_prefix}.${domain.domain}`;
  const verified = domain.state === "verified";

  const verifyNow = async () => {
    await verify.mutateAsync({ id: domain.id }).catch(() => undefined);
    await onChanged();
  };

  return (
    <section aria-labelledby={headingId} className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div className="flex min-w-0 items-center gap-2.5">
          <Globe aria-hidden className="size-4.5 shrink-0 text-slate-500" />
          <h2 id={headingId} className="truncate text-base font-semibold text-slate-900">
            {domain.domain}
          </h2>
          <DomainStateBadge state={domain.state} />
        </div>
        {verified ? null : (
          <Button variant="ghost" size="sm" className="text-slate-600 hover:text-red-700" onClick={() => setConfirmRemove(true)}>
            <Trash2 aria-hidden className="size-3.5" /> Remove
          </Button>
        )}
      </header>

      {verified ? (
        <p className="px-5 py-4 text-sm text-slate-700">
          Verified <Time value={domain.updated_at} withTime />. Nothing else to do for this domain; you may delete the TXT record.
        </p>
      ) : (
        <ol className="space-y-6 px-5 py-5">
          <Step n={1} title="Publish this TXT record at your DNS provider">
            <DnsRecord host={host} value={domain.verification_token ?? ""} />
            <div>
              <button
                type="button"
                aria-expanded={showHelp}
                aria-controls={`${headingId}-help`}
                onClick={() => setShowHelp((v) => !v)}
                className="inline-flex items-start gap-1 rounded text-left text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
              >
                <ChevronDown aria-hidden className={`mt-0.5 size-4 shrink-0 transition-transform ${showHelp ? "rotate-180" : ""}`} />
                How to add it at Cloudflare, Route 53, GoDaddy, Google Cloud DNS or Azure DNS
              </button>
              <div id={`${headingId}-help`} hidden={!showHelp} className="mt-2">
                {showHelp ? (
                  <ProviderInstructions prefix={domain.verification_prefix ?? ""} domain={domain.domain} value={domain.verification_token ?? ""} />
                ) : null}
              </div>
            </div>
          </Step>
          <Step n={2} title="Check that it is published">
            <div className="flex flex-wrap items-center gap-3">
              <Button onClick={() => void verifyNow()} disabled={verify.isPending}>
                {verify.isPending ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
                {verify.isPending ? "Checking DNS…" : "Verify now"}
              </Button>
              <p className="text-xs text-slate-600">
                {domain.state === "failed"
                  ? "Automatic checks stopped after 7 days without finding the record. Publish it, then verify."
                  : "We also check automatically: every few minutes for the first hour, then less often, for 7 days."}
              </p>
            </div>
            <div aria-live="polite">
              {verify.isError ? <Alert>{serverProblem(verify.error).message}</Alert> : null}
              {domain.last_check ? <CheckResult check={domain.last_check} checkedAt={domain.last_checked_at} /> : null}
            </div>
          </Step>
        </ol>
      )}

      <ConfirmDialog
        open={confirmRemove}
        onOpenChange={(next) => {
          setConfirmRemove(next);
          if (!next) remove.reset();
        }}
        title={`Remove ${domain.domain}?`}
        description="It will no longer be verified for your organization. You can add it again later; it will get a new TXT record."
      >
        {remove.isError ? <Alert>{serverProblem(remove.error).message}</Alert> : null}
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button
            variant="danger"
            disabled={remove.isPending}
            onClick={() =>
              void remove
                .mutateAsync({ id: domain.id })
                .then(async () => {
                  setConfirmRemove(false);
                  await onChanged();
                })
                .catch(() => undefined)
            }
          >
            {remove.isPending ? <Spinner /> : null} Remove domain
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </section>
  );
}
