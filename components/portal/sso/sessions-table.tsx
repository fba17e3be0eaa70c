"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowUpDown } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/feedback";
import { Table, Td, Th } from "@/components/ui/table";
import { Time } from "@/components/ui/time";

export const sessionTone = { started: "slate", successful: "green", failed: "red" } as const;
const stateOrder = { failed: 0, started: 1, successful: 2 } as const;

/** Whose view: the IT admin's portal, or staff looking at one of an organization's connections. */
type SsoSurface = { kind: "portal" } | { kind: "staff"; organizationId: string };

function sessionHref(surface: SsoSurface, connectionId: string, sessionId: string): string {
  return surface.kind === "portal"
    ? `/portal/sso/sessions/${sessionId}`
    : `/dashboard/organizations/${surface.organizationId}/connections/${connectionId}/sessions/${sessionId}`;
}

/** Recent sign-in attempts, newest first; the State header sorts them by state. Refreshes on its own. */
export function SessionsCard({ connectionId, surface = { kind: "portal" } }: { connectionId: string; surface?: SsoSurface }) {
  const trpc = useTRPC();
  const staff = surface.kind === "staff" ? surface : null;
  const portalQuery = useQuery({ ...trpc.portal.sso.sessions.queryOptions({ connectionId }), refetchInterval: 5000, enabled: !staff });
  const staffQuery = useQuery({
    ...trpc.connections.sessions.queryOptions({ organizationId: staff?.organizationId ?? "", connectionId }),
    refetchInterval: 5000,
    enabled: Boolean(staff),
  });
  const query = staff ? staffQuery : portalQuery;
  const [byState, setByState] = useState(false);
  const rows = [...(query.data ?? [])];
  if (byState) rows.sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || b.createdAt.localeCompare(a.createdAt));
  return (
    <Card>
      <CardHeader id="sessions" title="Sessions" description="Every sign-in attempt through this connection, with what was sent and received." />
      {query.isPending ? (
        <Skeleton className="m-5 h-20" />
      ) : rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-600">No sign-in attempts yet. Run Test sign-in to make the first one.</p>
      ) : (
        <div className="overflow-x-auto">
          <Table aria-label="Sign-in attempts" stacked>
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>User</Th>
                <Th aria-sort={byState ? "ascending" : "none"}>
                  <button type="button" onClick={() => setByState((v) => !v)} className="inline-flex items-center gap-1 font-medium">
                    State <ArrowUpDown aria-hidden className="size-3.5" />
                    <span className="sr-only">{byState ? "(sorted by state; show newest first)" : "(sort by state)"}</span>
                  </button>
                </Th>
                <Th>Connection</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <Td label="Time">
                    <Link href={sessionHref(surface, s.connectionId, s.id)} className="font-medium text-brand-700 underline">
                      <Time value={s.createdAt} withTime />
                    </Link>
                  </Td>
                  <Td label="User">{s.userEmail ?? "—"}</Td>
                  <Td label="State">
                    <Badge tone={sessionTone[s.state]}>{s.state}</Badge>
                    {s.errorCode ? <span className="ml-2 font-mono text-xs text-slate-600">{s.errorCode}</span> : null}
                    {s.warningCodes.map((code) => (
                      <span key={code} className="ml-2 font-mono text-xs text-amber-800">
                        warning: {code}
                      </span>
                    ))}
                  </Td>
                  <Td label="Connection">{s.connectionName}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
