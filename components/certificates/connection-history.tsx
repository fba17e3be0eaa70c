"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";

/** A connection's history for staff: configuration, metadata refreshes, certificates added and retired. */
export function ConnectionHistory({ connectionId }: { connectionId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.connections.history.queryOptions({ id: connectionId }));
  return (
    <Card>
      <CardHeader id="history" title="History" description="Changes to what this connection trusts, newest first." />
      {query.isPending ? (
        <Skeleton className="m-5 h-12" />
      ) : query.isError ? (
        <div className="px-5 py-4">
          <Alert>{query.error.message}</Alert>
        </div>
      ) : query.data.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No change recorded yet.</p>
      ) : (
        <ol aria-label="Connection history" className="divide-y divide-slate-200">
          {query.data.map((change) => (
            <li key={change.id} className="space-y-0.5 px-5 py-3 text-sm">
              <p className="break-words text-slate-900">{change.summary}</p>
              <p className="text-xs text-slate-600">
                <Time value={change.createdAt} withTime /> · {change.actor}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
