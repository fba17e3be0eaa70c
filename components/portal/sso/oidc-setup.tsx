"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import type { Connection, SsoState } from "./sso-setup";

type OidcProvider = SsoState["oidcProviders"][number];
type Oidc = NonNullable<Connection["oidc"]>;

/** Step 1 for OIDC: the IdP's steps, and the redirect URI to register there. */
export function OidcWalkthrough({ oidc, provider }: { oidc: Oidc; provider: OidcProvider }) {
  return (
    <Card>
      <CardHeader
        id="walkthrough"
        title={`1. Create the app in ${provider.label.replace(" (OIDC)", "")}`}
        description="Follow these steps in your IdP's admin console."
      />
      <div className="space-y-5 px-5 py-4">
        <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
          {provider.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <div>
          <p className="mb-1.5 text-sm font-medium text-slate-800">Redirect URI</p>
          <CopyField id="oidc-redirect-uri" label="Redirect URI" value={oidc.redirectUri} />
        </div>
      </div>
    </Card>
  );
}

/** Step 2 for OIDC: discovery URL (or endpoints by hand), client id and secret. The secret is never shown again. */
export function OidcConfigCard({ connection, oidc, provider }: { connection: Connection; oidc: Oidc; provider: OidcProvider }) {
  const configured = oidc.clientSecretSet;
  const [editing, setEditing] = useState(!configured);
  return (
    <Card>
      <CardHeader
        id="idp-config"
        title="2. Identity provider configuration"
        description="Give Portico your IdP's discovery URL and the application's client ID and secret."
        action={
          configured && !editing ? (
            <Button variant="secondary" onClick={() => setEditing(true)}>
              Edit
            </Button>
          ) : null
        }
      />
      <div className="px-5 py-4">
        {editing ? (
          <OidcConfigForm connection={connection} oidc={oidc} provider={provider} onDone={() => setEditing(false)} canCancel={configured} />
        ) : (
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
            <dt className="text-slate-600">Discovery URL</dt>
            <dd className="break-all font-mono text-slate-900">{oidc.discoveryEndpoint ?? `Entered by hand (issuer ${oidc.issuer})`}</dd>
            <dt className="text-slate-600">Client ID</dt>
            <dd className="break-all font-mono text-slate-900">{oidc.clientId}</dd>
            <dt className="text-slate-600">Client secret</dt>
            <dd className="text-slate-900">Stored encrypted; not shown again. Enter a new one with Edit when it expires.</dd>
          </dl>
        )}
      </div>
    </Card>
  );
}

const manualFields = [
  ["oidcIssuer", "Issuer"],
  ["oidcAuthorizationEndpoint", "Authorization URL"],
  ["oidcTokenEndpoint", "Token URL"],
  ["oidcJwksUri", "JWKS URL"],
  ["oidcUserinfoEndpoint", "Userinfo URL (optional)"],
] as const;

function OidcConfigForm({
  connection,
  oidc,
  provider,
  onDone,
  canCancel,
}: {
  connection: Connection;
  oidc: Oidc;
  provider: OidcProvider;
  onDone: () => void;
  canCancel: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const configure = useMutation(trpc.portal.sso.configureOidc.mutationOptions());
  const [manual, setManual] = useState(Boolean(oidc.issuer && !oidc.discoveryEndpoint));
  const [values, setValues] = useState<Record<string, string>>({
    oidcDiscoveryEndpoint: oidc.discoveryEndpoint ?? "",
    oidcIssuer: oidc.issuer ?? "",
    oidcAuthorizationEndpoint: oidc.authorizationEndpoint ?? "",
    oidcTokenEndpoint: oidc.tokenEndpoint ?? "",
    oidcJwksUri: oidc.jwksUri ?? "",
    oidcUserinfoEndpoint: oidc.userinfoEndpoint ?? "",
    oidcClientId: oidc.clientId ?? "",
    oidcClientSecret: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: string) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const given = (key: string) => (values[key]?.trim() ? values[key]!.trim() : undefined);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    const endpoints = manual
      ? Object.fromEntries(manualFields.map(([key]) => [key, given(key)]))
      : { oidcDiscoveryEndpoint: given("oidcDiscoveryEndpoint") ?? "" };
    try {
      await configure.mutateAsync({
        id: connection.id,
        ...endpoints,
        oidcClientId: given("oidcClientId") ?? "",
        oidcClientSecret: values.oidcClientSecret || undefined,
      });
      await queryClient.invalidateQueries({ queryKey: trpc.portal.sso.get.queryKey() });
      onDone();
    } catch (e) {
      const problem = serverProblem(e);
      const byField: Record<string, string> = {};
      for (const f of problem.fieldErrors) byField[f.field.split(".")[0]!] ??= asSentence(f.message ?? f.code);
      if (Object.keys(byField).length === 0) byField.form = problem.message;
      setErrors(byField);
    }
  };

  const text = (key: string, label: string, options: { type?: string; hint?: string } = {}) => (
    <Field key={key} id={key} label={label} error={errors[key]} hint={options.hint}>
      <Input
        id={key}
        type={options.type ?? "text"}
        autoComplete="off"
        value={values[key] ?? ""}
        onChange={set(key)}
        aria-describedby={describedBy(key, { error: errors[key], hint: options.hint })}
        aria-invalid={Boolean(errors[key])}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <label className="inline-flex items-center gap-2 text-sm">
        <input type="checkbox" checked={manual} onChange={(e) => setManual(e.target.checked)} /> My IdP has no discovery URL: enter its endpoints by hand
      </label>
      {manual
        ? manualFields.map(([key, label]) => text(key, label, { type: "url" }))
        : text("oidcDiscoveryEndpoint", "Discovery URL", { type: "url", hint: `Usually ${provider.discoveryHint}` })}
      {text("oidcClientId", "Client ID")}
      {text("oidcClientSecret", "Client secret", {
        type: "password",
        hint: oidc.clientSecretSet ? "Leave empty to keep the stored secret." : "Stored encrypted; it is not shown again.",
      })}
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={configure.isPending}>
          {configure.isPending ? <Spinner /> : null} Save configuration
        </Button>
        {canCancel ? (
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
