"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Power, PowerOff, RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { SessionsCard } from "@/components/portal/sso/sessions-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import { DetailRow } from "@/components/ui/detail-row";

type Connection = RouterOutputs["connections"]["get"];
const tone = { draft: "amber", active: "green", inactive: "slate" } as const;
const DAY = 86_400_000;

function expiry(notAfter: string): { tone: "green" | "amber" | "red"; text: string } {
  const days = Math.floor((new Date(notAfter).getTime() - Date.now()) / DAY);
  if (days < 0) return { tone: "red", text: "Expired" };
  if (days <= 30) return { tone: "amber", text: `Expires in ${days} ${days === 1 ? "day" : "days"}` };
  return { tone: "green", text: "Valid" };
}

/** Whether the connection has what a sign-in needs (the service checks the same before activating). */
function configured(connection: Connection): boolean {
  if (connection.oidc)
    return Boolean(connection.oidc.clientId && connection.oidc.clientSecretSet && (connection.oidc.discoveryEndpoint || connection.oidc.issuer));
  return Boolean(connection.idp.ssoUrl && connection.idp.entityId);
}

/**
 * One SSO connection as vendor staff see it: what the IT admin configured, the IdP's certificates and when
 * they expire, its sign-in attempts with request and response, and the switches staff may use.
 */
export function StaffConnection({ id, canEdit }: { id: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const query = useSuspenseQuery(trpc.connections.get.queryOptions({ id }));
  const connection = query.data;
  const setActive = useMutation(trpc.connections.setActive.mutationOptions());
  const reset = useMutation(trpc.connections.reset.mutationOptions());
  const [confirmReset, setConfirmReset] = useState(false);
  const [problem, setProblem] = useState<string>();
  const organizationHref = `/dashboard/organizations/${connection.organizationId}`;

  const toggle = async () => {
    setProblem(undefined);
    try {
      await setActive.mutateAsync({ id: connection.id, active: connection.state !== "active" });
      await queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
      toast(connection.state === "active" ? "Connection deactivated" : "Connection activated");
    } catch (e) {
      setProblem(serverProblem(e).message);
    }
  };
  const confirm = async () => {
    try {
      await reset.mutateAsync({ id: connection.id });
      toast("Connection reset");
      router.push(organizationHref);
    } catch (e) {
      setConfirmReset(false);
      setProblem(serverProblem(e).message);
    }
  };

  return (
    <div className="space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">{connection.name}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <Badge tone={tone[connection.state]}>{connection.state}</Badge> {connection.connectionType} · created <Time value={connection.createdAt} />
          </p>
        </div>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            {connection.state !== "draft" || configured(connection) ? (
              <Button variant="secondary" disabled={setActive.isPending} onClick={() => void toggle()}>
                {setActive.isPending ? (
                  <Spinner />
                ) : connection.state === "active" ? (
                  <PowerOff aria-hidden className="size-4" />
                ) : (
                  <Power aria-hidden className="size-4" />
                )}
                {connection.state === "active" ? "Deactivate" : "Activate"}
              </Button>
            ) : null}
            <Button variant="danger" onClick={() => setConfirmReset(true)}>
              <RotateCcw aria-hidden className="size-4" /> Reset connection
            </Button>
          </div>
        ) : null}
      </header>
      {connection.state === "draft" ? (
        <Alert tone="amber" title="Not active yet">
          The IT admin activates the connection with its first successful Test sign-in in the Admin Portal (a connection configured through the API is active at
          once).{configured(connection) ? " Its identity provider is configured: you can also activate it here without a test." : null}
        </Alert>
      ) : null}
      {problem ? <Alert>{problem}</Alert> : null}

      {connection.oidc ? (
        <Card>
          <CardHeader
            id="idp-values"
            title="Identity provider (OpenID Connect)"
            description={connection.oidc.clientSecretSet ? "Configured; the client secret is stored encrypted and never shown." : "Not configured yet."}
          />
          <dl className="divide-y divide-slate-200">
            <DetailRow term="Redirect URI">
              <code className="font-mono text-xs">{connection.oidc.redirectUri}</code>
            </DetailRow>
            <DetailRow term="Discovery URL">
              {connection.oidc.discoveryEndpoint ? <code className="font-mono text-xs">{connection.oidc.discoveryEndpoint}</code> : "—"}
            </DetailRow>
            {connection.oidc.issuer ? (
              <DetailRow term="Issuer">
                <code className="font-mono text-xs">{connection.oidc.issuer}</code>
              </DetailRow>
            ) : null}
            <DetailRow term="Client ID">{connection.oidc.clientId ? <code className="font-mono text-xs">{connection.oidc.clientId}</code> : "—"}</DetailRow>
            <DetailRow term="Attribute mapping">
              {Object.entries(connection.attributeMapping)
                .filter(([, v]) => v)
                .map(([field, claim]) => `${field} ← ${claim}`)
                .join(", ") || "Standard claims"}
            </DetailRow>
            <DetailRow term="Clock skew">{`${connection.options.clockSkewSeconds} s`}</DetailRow>
          </dl>
        </Card>
      ) : (
        <>
          <Card>
            <CardHeader id="sp-values" title="Service provider (Portico)" description="What the IdP was given." />
            <dl className="divide-y divide-slate-200">
              <DetailRow term="ACS URL">
                <code className="font-mono text-xs">{connection.sp.acsUrl}</code>
              </DetailRow>
              <DetailRow term="SP entity ID">
                <code className="font-mono text-xs">{connection.sp.entityId}</code>
              </DetailRow>
              <DetailRow term="SP metadata">
                <code className="font-mono text-xs">{connection.sp.metadataUrl}</code>
              </DetailRow>
            </dl>
          </Card>

          <Card>
            <CardHeader
              id="idp-values"
              title="Identity provider"
              description={
                connection.idp.metadataUrl
                  ? "Configured from its metadata URL."
                  : connection.idp.metadataSource
                    ? `Configured from ${connection.idp.metadataSource}.`
                    : "Not configured yet."
              }
            />
            <dl className="divide-y divide-slate-200">
              <DetailRow term="IdP entity ID">{connection.idp.entityId ? <code className="font-mono text-xs">{connection.idp.entityId}</code> : "—"}</DetailRow>
              <DetailRow term="SSO URL">
                {connection.idp.ssoUrl ? <code className="font-mono text-xs">{connection.idp.ssoUrl}</code> : "—"}{" "}
                {connection.idp.ssoUrl ? `(${connection.idp.binding === "post" ? "HTTP-POST" : "HTTP-Redirect"})` : null}
              </DetailRow>
              {connection.idp.metadataUrl ? (
                <DetailRow term="Metadata URL">
                  <code className="font-mono text-xs">{connection.idp.metadataUrl}</code>
                </DetailRow>
              ) : null}
              <DetailRow term="Attribute mapping">
                {Object.entries(connection.attributeMapping)
                  .filter(([, v]) => v)
                  .map(([field, attribute]) => `${field} ← ${attribute}`)
                  .join(", ") || "—"}
              </DetailRow>
              <DetailRow term="Options">
                {[
                  connection.options.allowIdpInitiated ? "IdP-initiated sign-in allowed" : null,
                  connection.options.allowSha1 ? "SHA-1 allowed" : null,
                  connection.options.allowUnsignedAssertion ? "unsigned assertions allowed" : null,
                ]
                  .filter(Boolean)
                  .join(", ") || "Defaults"}
                {` · clock skew ${connection.options.clockSkewSeconds} s`}
              </DetailRow>
            </dl>
          </Card>

          <Card>
            <CardHeader id="certificates" title="Signing certificates" description="Responses must be signed by one of these." />
            {connection.certificates.length === 0 ? (
              <p className="px-5 py-4 text-sm text-slate-600">No certificate yet.</p>
            ) : (
              <ul aria-label="Signing certificates" className="divide-y divide-slate-200">
                {connection.certificates.map((cert) => {
                  const state = expiry(cert.notAfter);
                  return (
                    <li key={cert.id} className="space-y-1 px-5 py-3 text-sm">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="font-medium break-all text-slate-900">{cert.subject}</span>
                        <Badge tone={state.tone}>{state.text}</Badge>
                      </p>
                      <p className="text-slate-600">
                        Valid <Time value={cert.notBefore} /> to <Time value={cert.notAfter} />
                      </p>
                      <p className="font-mono text-xs break-all text-slate-600">SHA-256 {cert.fingerprint}</p>
                    </li>
                  );
                })}
              </ul>
            )}
          </Card>
        </>
      )}

      <SessionsCard connectionId={connection.id} surface={{ kind: "staff", organizationId: connection.organizationId }} />

      <ConfirmDialog
        open={confirmReset}
        onOpenChange={setConfirmReset}
        title="Reset this connection?"
        description={<p>Its configuration and sign-in attempts are deleted, and nobody signs in through it until the IT admin sets it up again.</p>}
      >
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" disabled={reset.isPending} onClick={() => void confirm()}>
            {reset.isPending ? <Spinner /> : null} Reset connection
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </div>
  );
}
