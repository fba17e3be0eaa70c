"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";

const tone = { draft: "amber", active: "green", inactive: "slate" } as const;

/** The organization's SSO connections and their latest sign-in attempts, for staff. Set up happens in the portal. */
export function SsoConnections({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const connections = useQuery(trpc.connections.list.queryOptions({ organizationId }));
  const sessions = useQuery(trpc.connections.sessions.queryOptions({ organizationId }));
  return (
    <Card className="mt-6">
      <CardHeader id="sso-connections" title="SSO connections" description="IT admins set these up in the Admin Portal (Invite admin, Single Sign-On)." />
      {connections.isPending ? (
        <Skeleton className="m-5 h-12" />
      ) : !connections.data?.length ? (
        <p className="px-5 py-4 text-sm text-slate-600">No SSO connection yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200">
          {connections.data.map((c) => {
            const last = sessions.data?.find((s) => s.connectionId === c.id);
            return (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
                <Link
                  href={`/dashboard/organizations/${organizationId}/connections/${c.id}`}
                  className="rounded font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {c.name}
                </Link>
                <span className="flex items-center gap-3 text-slate-600">
                  <Badge tone={tone[c.state]}>{c.state}</Badge>
                  {last ? (
                    <span>
                      Last sign-in {last.state} <Time value={last.createdAt} withTime />
                    </span>
                  ) : null}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
