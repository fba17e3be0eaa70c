"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft, CircleCheck, CircleX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import { sessionTone } from "./sessions-table";

function XmlBlock({ title, id, xml, note }: { title: string; id: string; xml: string | null; note?: string }) {
  return (
    <Card>
      <CardHeader id={id} title={title} description={note} />
      {xml ? (
        <pre className="max-h-[28rem] overflow-auto px-5 py-4 font-mono text-xs leading-relaxed text-slate-800" aria-labelledby={id} tabIndex={0}>
          {xml}
        </pre>
      ) : (
        <p className="px-5 py-4 text-sm text-slate-600">Nothing yet.</p>
      )}
    </Card>
  );
}

// The database returns JSON keys in its own order; people read a profile in this one.
const profileOrder = [
  "object",
  "id",
  "email",
  "first_name",
  "last_name",
  "groups",
  "idp_id",
  "organization_id",
  "connection_id",
  "connection_type",
  "custom_attributes",
  "raw_attributes",
];
function ordered(profile: Record<string, unknown>) {
  const rank = (k: string) => (profileOrder.includes(k) ? profileOrder.indexOf(k) : profileOrder.length);
  return Object.fromEntries(Object.entries(profile).sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * One sign-in attempt: the outcome, the AuthnRequest sent and the response received, pretty-printed. The
 * IT admin reads it in the portal; staff read the same attempt from the connection's dashboard page.
 */
export function SsoSessionDetail({ id, staffBackHref }: { id: string; staffBackHref?: string }) {
  const trpc = useTRPC();
  const poll = { refetchInterval: (q: { state: { data?: { state: string } } }) => (q.state.data?.state === "started" ? 3000 : false) } as const;
  const portalQuery = useQuery({ ...trpc.portal.sso.session.queryOptions({ id }), ...poll, enabled: !staffBackHref });
  const staffQuery = useQuery({ ...trpc.connections.session.queryOptions({ id }), ...poll, enabled: Boolean(staffBackHref) });
  const query = staffBackHref ? staffQuery : portalQuery;
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.isError) return <Alert title="Could not load this sign-in attempt">{query.error.message}</Alert>;
  const s = query.data;
  return (
    <div className="space-y-6">
      <Link href={staffBackHref ?? "/portal/sso"} className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> {staffBackHref ? "Connection" : "Single Sign-On"}
      </Link>
      <PageHeader
        title={s.state === "successful" ? "Sign-in succeeded" : s.state === "failed" ? "Sign-in failed" : "Waiting for the IdP"}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <Badge tone={sessionTone[s.state]}>{s.state}</Badge> <Time value={s.createdAt} withTime /> · {s.connectionName}
          </span>
        }
      />
      {s.state === "successful" && s.profile ? (
        <Card>
          <CardHeader
            id="profile"
            title="Profile the app receives"
            description={
              <span className="inline-flex items-center gap-1.5">
                <CircleCheck aria-hidden className="size-4 text-emerald-600" /> {s.userEmail}
              </span>
            }
          />
          <pre className="overflow-auto px-5 py-4 font-mono text-xs text-slate-800" aria-labelledby="profile" tabIndex={0}>
            {JSON.stringify(ordered(s.profile), null, 2)}
          </pre>
        </Card>
      ) : null}
      {s.state === "failed" ? (
        <Alert title={`Error: ${s.errorCode}`}>
          <span className="inline-flex items-start gap-1.5">
            <CircleX aria-hidden className="mt-0.5 size-4 shrink-0" /> {s.errorExplanation}
          </span>
        </Alert>
      ) : null}
      {s.warnings.map((w) => (
        <Alert key={w.code} tone="amber" title={`Warning: ${w.code}`}>
          <span className="inline-flex items-start gap-1.5">
            <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" /> {w.explanation}
          </span>
        </Alert>
      ))}
      <XmlBlock
        id="request-xml"
        title={s.protocol === "oidc" ? "Request sent to the IdP (authorization request)" : "Request sent to the IdP (AuthnRequest)"}
        xml={s.requestXml}
      />
      <XmlBlock
        id="response-xml"
        title={s.protocol === "oidc" ? "Answer from the IdP (callback and ID token claims)" : "Response from the IdP (decoded SAMLResponse)"}
        xml={s.responseXml}
        note={s.responseTruncated ? "Only the first 64 KiB of this response were kept." : undefined}
      />
    </div>
  );
}
