"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/feedback";
import { Input } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";

type Run = RouterOutputs["polisImport"]["get"];
type Report = NonNullable<Run["report"]>;
type Tenant = Report["tenants"][number];

const tones: Record<string, BadgeTone> = { created: "green", updated: "brand", unchanged: "slate", failed: "red", skipped: "amber" };

export function ImportProgress({ run }: { run: Run }) {
  const percent = run.total ? Math.round((run.completed / run.total) * 100) : run.state === "done" ? 100 : 0;
  const label = run.state === "queued" ? "Waiting to start" : run.state === "running" ? `Importing tenants: ${run.completed} of ${run.total}` : "Finished";
  return (
    <div className="space-y-1.5">
      <div className="flex justify-between text-sm text-slate-700">
        <span id={`progress-${run.id}`}>{label}</span>
        <span>{percent}%</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={`progress-${run.id}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

function SetupLinkAction({ organizationId, organizationName }: { organizationId: string; organizationName: string }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.setupLinks.create.mutationOptions());
  const [email, setEmail] = useState("");
  const [result, setResult] = useState<{ url: string; emailed: boolean } | null>(null);
  const [problem, setProblem] = useState<string>();
  if (result)
    return result.emailed ? <span className="text-sm text-slate-700">Sent to {email}</span> : <CopyButton value={result.url} label="Copy setup link" />;
  const id = `setup-email-${organizationId}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label htmlFor={id} className="sr-only">
        IT admin's email for {organizationName}
      </label>
      <Input id={id} type="email" placeholder="it-admin@customer.com (optional)" value={email} onChange={(e) => setEmail(e.target.value)} className="w-56" />
      <Button
        size="sm"
        variant="secondary"
        disabled={create.isPending}
        onClick={async () => {
          setProblem(undefined);
          try {
            const made = await create.mutateAsync({ organizationId, intents: ["sso"], email: email.trim() || undefined });
            setResult({ url: made.url, emailed: made.emailed });
          } catch (error) {
            setProblem(serverProblem(error).message);
          }
        }}
      >
        Send SSO setup link
      </Button>
      {problem ? <span className="text-xs text-red-700">{problem}</span> : null}
    </div>
  );
}

const Url = ({ children }: { children: string }) => <code className="break-all text-slate-900">{children}</code>;

function SignIn({ signIn }: { signIn: Tenant["connections"][number]["signIn"] }) {
  if (!signIn) return <>—</>;
  if (signIn.kind === "kept")
    return (
      <>
        Nothing to change at the IdP: Portico answers at <Url>{signIn.acsUrl}</Url> as <Url>{signIn.entityId}</Url>
      </>
    );
  if (signIn.kind === "idp_change")
    return (
      <>
        At the IdP: ACS URL <Url>{signIn.acsUrl}</Url> · Entity ID <Url>{signIn.entityId}</Url>
      </>
    );
  return (
    <>
      At the IdP: add the redirect URI <Url>{signIn.redirectUri}</Url>
    </>
  );
}

function TenantRows({ tenant, dryRun, canEdit }: { tenant: Tenant; dryRun: boolean; canEdit: boolean }) {
  const needsIdp = tenant.connections.some((c) => c.signIn && c.signIn.kind !== "kept");
  return (
    <>
      <tr>
        <Td label="Tenant" className="font-medium text-slate-900">
          {tenant.tenant} <span className="text-slate-500">({tenant.product})</span>
        </Td>
        <Td label="Item">Organization {tenant.organizationName}</Td>
        <Td label="Outcome">
          <Badge tone={tones[tenant.outcome]}>{dryRun && tenant.outcome !== "failed" ? `would be ${tenant.outcome}` : tenant.outcome}</Badge>
        </Td>
        <Td label="What to do">
          {tenant.error ? <p className="max-w-md min-w-60 whitespace-normal text-red-800">{tenant.error}</p> : null}
          {tenant.error ? null : needsIdp && tenant.organizationId && !dryRun && canEdit ? (
            <SetupLinkAction organizationId={tenant.organizationId} organizationName={tenant.organizationName} />
          ) : null}
        </Td>
      </tr>
      {[...tenant.connections, ...tenant.directories].map((item) => (
        <tr key={"polisClientId" in item ? item.polisClientId : item.polisDirectoryId}>
          <Td label="Tenant" />
          <Td label="Item">{"protocol" in item ? `${item.protocol.toUpperCase()} ${item.name}` : `SCIM ${item.name}`}</Td>
          <Td label="Outcome">
            <Badge tone={tones[item.outcome]}>{dryRun ? `would be ${item.outcome}` : item.outcome}</Badge>
          </Td>
          <Td label="What to do" className="text-xs">
            <p className="max-w-md min-w-60 whitespace-normal">
              {"protocol" in item ? (
                <SignIn signIn={item.signIn} />
              ) : item.scimBaseUrl ? (
                <>
                  New SCIM base URL <Url>{item.scimBaseUrl}</Url>; make its bearer token on the directory's page
                </>
              ) : (
                item.notes.join("; ")
              )}
            </p>
          </Td>
        </tr>
      ))}
    </>
  );
}

/** The import's report: what was made of each tenant, and what each IT admin must change. */
export function ImportReport({ run, canEdit }: { run: Run; canEdit: boolean }) {
  if (run.state === "failed") return <Alert title="The import stopped">{run.error ?? "It failed before reading Polis."}</Alert>;
  const report = run.report;
  if (!report) return null;
  const t = report.totals;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        {report.dryRun ? "Dry run, nothing written: " : ""}
        {t.created} created, {t.updated} updated, {t.unchanged} unchanged, {t.skipped} skipped, {t.failed} failed.
      </p>
      {report.tenants.length === 0 ? (
        <p className="text-sm text-slate-600">Polis listed no connections or directories for these products.</p>
      ) : (
        <Table aria-label="Import report" stacked>
          <thead>
            <tr>
              <Th>Tenant</Th>
              <Th>Item</Th>
              <Th>Outcome</Th>
              <Th>What to do</Th>
            </tr>
          </thead>
          <tbody>
            {report.tenants.map((tenant) => (
              <TenantRows key={`${tenant.tenant}\u0000${tenant.product}`} tenant={tenant} dryRun={report.dryRun} canEdit={canEdit} />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
