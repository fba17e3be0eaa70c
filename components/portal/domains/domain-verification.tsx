"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRight, CheckCircle2, Globe } from "lucide-react";
import Link from "next/link";
import { useEffect } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { AddDomains } from "./add-domains";
import { DomainCard } from "./domain-card";

/** Background checks may verify a domain at any moment; the page follows along while any is pending. */
const POLL_MS = 10_000;

const sessionEnded = (error: unknown) => (error as { data?: { code?: string } } | null)?.data?.code === "UNAUTHORIZED";

export function DomainVerification({
  organizationName,
  productName,
  successUrl,
}: {
  organizationName: string;
  productName: string;
  successUrl: string | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery({
    ...trpc.portal.domains.list.queryOptions(),
    refetchInterval: (query) => (query.state.data?.some((d) => d.state === "pending") ? POLL_MS : false),
  });
  const overview = useQuery(trpc.portal.overview.get.queryOptions());
  const domains = list.data ?? [];
  const verifiedCount = domains.filter((d) => d.state === "verified").length;

  // A domain verified in the background may complete the feature: ask for its status again.
  useEffect(() => {
    if (verifiedCount > 0) void queryClient.invalidateQueries({ queryKey: trpc.portal.overview.get.queryKey() });
  }, [verifiedCount, queryClient, trpc]);

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.portal.domains.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.portal.overview.get.queryKey() }),
    ]);
  };

  const status = overview.data?.intents.find((i) => i.intent === "domain_verification")?.status;
  const added = domains.filter((d) => d.added_by === "portal");
  // The server decides completion; when the last verification also ended the link, the local list says it.
  const complete =
    domains.length > 0 &&
    domains.every((d) => d.state === "verified") &&
    (status === "complete" || (added.length > 0 && added.every((d) => d.state === "verified")));
  const ended = sessionEnded(list.error) || sessionEnded(overview.error);

  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Domain verification</h1>
        <p className="mt-1 text-sm text-slate-600">
          Prove that {organizationName} owns its email domains by publishing a DNS TXT record for each. {productName} then knows that people with these email
          addresses belong to your organization.
        </p>
      </header>

      {complete ? (
        <section
          role="status"
          aria-labelledby="domains-complete"
          className="flex flex-col gap-4 rounded-xl border border-emerald-200 bg-emerald-50 p-5 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="flex gap-3">
            <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" />
            <div>
              <h2 id="domains-complete" className="font-semibold text-emerald-900">
                Domain verification is complete
              </h2>
              <p className="mt-0.5 text-sm text-emerald-900">Every domain you added is verified. There is nothing else to do here.</p>
            </div>
          </div>
          {successUrl ? (
            <a href={successUrl} className={buttonClass("primary")}>
              Finish <ArrowRight aria-hidden className="size-4" />
            </a>
          ) : (
            <Link href="/portal" className={buttonClass("secondary")}>
              Back to all features
            </Link>
          )}
        </section>
      ) : null}

      {ended && !complete ? (
        <Alert title="Your session has ended">
          The link you opened was turned off or has expired.{" "}
          <a href="/portal" className="font-medium underline">
            Reload
          </a>{" "}
          to see why, or ask the person who sent it for a new one.
        </Alert>
      ) : null}

      {!ended ? (
        <section aria-labelledby="add-domain-title" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="add-domain-title" className="text-base font-semibold text-slate-900">
            {domains.length ? "Add another domain" : "Add your domains"}
          </h2>
          <div className="mt-3">
            <AddDomains onAdded={refresh} />
          </div>
        </section>
      ) : null}

      {list.isError && !ended ? <Alert title="Could not load your domains">{list.error.message}</Alert> : null}

      {list.isPending ? (
        <Skeleton className="h-40 w-full" />
      ) : domains.length === 0 && !list.isError ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white">
          <EmptyState icon={Globe} title="No domains yet">
            Add the domain your people use for email. You will get a TXT record to publish at your DNS provider.
          </EmptyState>
        </div>
      ) : (
        <div className="space-y-4">
          {domains.map((domain) => (
            <DomainCard key={domain.id} domain={domain} onChanged={refresh} />
          ))}
        </div>
      )}
    </div>
  );
}
