"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Globe } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { AddDomain } from "./add-domain";
import { DomainRow } from "./domain-row";

/** Pending domains are re-checked in the background; the list follows along while any is pending. */
const POLL_MS = 15_000;

export function DomainsPanel({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({
    ...trpc.domains.list.queryOptions({ organizationId }),
    refetchInterval: (q) => (q.state.data?.some((d) => d.state === "pending") ? POLL_MS : false),
  });
  // Who verified a domain by hand is recorded as `staff:<id>`; show their email instead.
  const staff = useQuery(trpc.staff.list.queryOptions());
  const who = (label: string | null) => {
    const id = label?.startsWith("staff:") ? label.slice(6) : null;
    return (id && staff.data?.members.find((m) => m.id === id)?.email) || null;
  };
  const domains = query.data ?? [];

  const refresh = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.domains.list.queryKey({ organizationId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.organizations.get.queryKey({ id: organizationId }) }),
    ]);
  };

  return (
    <Card>
      <CardHeader
        id="domains-title"
        title="Domains"
        description={
          canEdit
            ? "Users with verified email domains belong to this organization. Domains are verified by a DNS TXT record, or by you."
            : "Users with verified email domains belong to this organization. Read-only: viewers cannot change domains."
        }
      />
      {canEdit ? <AddDomain organizationId={organizationId} onAdded={refresh} /> : null}
      {query.isError ? (
        <div className="px-5 py-4">
          <Alert title="Could not load domains">{query.error.message}</Alert>
        </div>
      ) : null}
      {query.isPending ? (
        <div className="space-y-3 px-5 py-4">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="h-5 w-1/3" />
        </div>
      ) : domains.length === 0 && !query.isError ? (
        <EmptyState icon={Globe} title="No domains yet">
          {canEdit ? "Add one here, or invite the organization's IT admin to verify theirs." : "No one has added a domain yet."}
        </EmptyState>
      ) : (
        <ul aria-labelledby="domains-title" className="divide-y divide-slate-200">
          {domains.map((domain) => (
            <DomainRow key={domain.id} domain={domain} canEdit={canEdit} who={who} onChanged={refresh} />
          ))}
        </ul>
      )}
    </Card>
  );
}
