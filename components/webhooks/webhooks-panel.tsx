"use client";

import { useQuery } from "@tanstack/react-query";
import { Webhook } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { CreateEndpoint } from "./create-endpoint";
import { EndpointCard } from "./endpoint-card";

export function WebhooksPanel({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.webhooks.list.queryOptions());
  const endpoints = query.data ?? [];

  return (
    <div className="space-y-6">
      {canEdit ? null : (
        <Alert tone="brand" title="Read-only access">
          Viewers can see endpoints and deliveries but cannot change them. Ask an admin or owner.
        </Alert>
      )}
      {/* One instance in a fixed place: the secret dialog it opens must survive the list changing under it. */}
      {canEdit ? (
        <div className="flex justify-end">
          <CreateEndpoint />
        </div>
      ) : null}
      {query.isError ? <Alert title="Could not load webhook endpoints">{query.error.message}</Alert> : null}
      {query.isPending ? (
        <Card>
          <div className="space-y-3 p-5" aria-busy="true" aria-label="Loading endpoints">
            <Skeleton className="h-5 w-72 max-w-full" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-24 w-full" />
          </div>
        </Card>
      ) : null}
      {query.data && endpoints.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white">
          <EmptyState icon={Webhook} title="No webhook endpoints">
            Add an endpoint to have Portico POST events (organizations, domains, SSO and Directory Sync changes) to your backend as they happen.
          </EmptyState>
        </div>
      ) : null}
      {endpoints.map((endpoint) => (
        <EndpointCard key={endpoint.id} endpoint={endpoint} canEdit={canEdit} />
      ))}
    </div>
  );
}
