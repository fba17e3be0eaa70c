"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Skeleton, Spinner } from "@/components/ui/feedback";
import { serverProblem } from "@/components/forms/server-errors";
import { IdpConfigCard } from "./idp-config";
import { OidcConfigCard, OidcWalkthrough } from "./oidc-setup";
import { ProviderPicker } from "./provider-picker";
import { SessionsCard } from "./sessions-table";
import { Walkthrough } from "./walkthrough";
import { PortalExpiryWarning } from "@/components/certificates/portal-expiry-warning";

export type SsoState = RouterOutputs["portal"]["sso"]["get"];
export type Connection = NonNullable<SsoState["connection"]>;

const stateTone = { draft: "amber", active: "green", inactive: "slate" } as const;

/** The IT admin's SSO setup: choose the IdP, follow its walk-through, give its metadata, test, debug. */
export function SsoSetup() {
  const trpc = useTRPC();
  const query = useQuery(trpc.portal.sso.get.queryOptions());
  if (query.isPending) return <Skeleton className="h-64 w-full" />;
  if (query.isError) return <Alert title="Could not load Single Sign-On">{query.error.message}</Alert>;
  const { connection, providers, oidcProviders } = query.data;
  return (
    <>
      <Link href="/portal" className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-700 hover:underline">
        <ArrowLeft className="size-4" aria-hidden="true" /> All features
      </Link>
      <div className="mt-4">
        {connection ? <ConnectionPage connection={connection} state={query.data} /> : <ProviderPicker providers={providers} oidcProviders={oidcProviders} />}
      </div>
    </>
  );
}

function ConnectionPage({ connection, state }: { connection: Connection; state: SsoState }) {
  const oidcProvider = connection.oidc
    ? (state.oidcProviders.find((p) => p.connectionType === connection.connectionType) ?? state.oidcProviders.at(-1)!)
    : null;
  const provider = state.providers.find((p) => p.key === connection.provider) ?? state.providers.at(-1)!;
  const configured = connection.oidc ? connection.oidc.clientSecretSet : Boolean(connection.idp.entityId);
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Single Sign-On with ${oidcProvider?.label ?? provider.label}`}
        description={
          <span className="inline-flex items-center gap-2">
            Connection status <Badge tone={stateTone[connection.state]}>{connection.state}</Badge>
          </span>
        }
        action={<ResetConnection id={connection.id} />}
      />
      <PortalExpiryWarning />
      {connection.oidc && oidcProvider ? (
        <>
          <OidcWalkthrough oidc={connection.oidc} provider={oidcProvider} />
          <OidcConfigCard connection={connection} oidc={connection.oidc} provider={oidcProvider} />
        </>
      ) : (
        <>
          <Walkthrough connection={connection} provider={provider} />
          <IdpConfigCard connection={connection} />
        </>
      )}
      {configured ? <TestSignIn connection={connection} /> : null}
      <SessionsCard connectionId={connection.id} />
    </div>
  );
}

function TestSignIn({ connection }: { connection: Connection }) {
  const trpc = useTRPC();
  const test = useMutation(trpc.portal.sso.testSignIn.mutationOptions());
  const [error, setError] = useState<string>();
  const start = async () => {
    setError(undefined);
    // Open the tab inside the click so pop-up blockers allow it, then send it to the IdP.
    const tab = window.open("about:blank", "_blank");
    try {
      const { sessionId, request } = await test.mutateAsync({ id: connection.id });
      // SAML: Portico's own page sends the tab on with the right binding (a redirect, or an auto-posting
      // form). OIDC: straight to the IdP's authorization URL.
      const begin = connection.oidc ? request.url : `/sso/saml/${connection.id}/begin/${sessionId}`;
      if (tab) tab.location.href = begin;
      else window.location.href = begin;
    } catch (e) {
      tab?.close();
      setError(serverProblem(e).message);
    }
  };
  return (
    <Card>
      <CardHeader
        id="test-sign-in"
        title="3. Test sign-in"
        description={
          connection.state === "active"
            ? "Run it again whenever you change something at the IdP."
            : "Sign in once through your IdP: the first successful test activates the connection."
        }
        action={
          <Button onClick={start} disabled={test.isPending}>
            {test.isPending ? <Spinner /> : null} Test sign-in
          </Button>
        }
      />
      {error ? (
        <div className="px-5 py-4">
          <Alert>{error}</Alert>
        </div>
      ) : (
        <p className="px-5 py-4 text-sm text-slate-600">
          It opens in a new tab and comes back here with the result: the profile the app would receive, or what to change at the IdP.
        </p>
      )}
    </Card>
  );
}

function ResetConnection({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const reset = useMutation(trpc.portal.sso.reset.mutationOptions());
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Reset connection
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title="Reset this connection?"
        description="This deletes the IdP configuration and every sign-in attempt, and starts the setup over. People cannot sign in with SSO until it is set up again."
      >
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button
            variant="danger"
            disabled={reset.isPending}
            onClick={async () => {
              await reset.mutateAsync({ id });
              setOpen(false);
              await queryClient.invalidateQueries({ queryKey: trpc.portal.sso.get.queryKey() });
            }}
          >
            {reset.isPending ? <Spinner /> : null} Reset connection
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </>
  );
}
