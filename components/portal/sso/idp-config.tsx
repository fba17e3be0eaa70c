"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input, inputClass } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import { AttributeMapping } from "./attribute-mapping";
import type { Connection } from "./sso-setup";

type Mode = "url" | "file" | "manual";

/** Step 2: the IdP's side. Shown read-only once given, with "Edit" to change it. */
export function IdpConfigCard({ connection }: { connection: Connection }) {
  const configured = Boolean(connection.idp.entityId);
  const [editing, setEditing] = useState(!configured);
  return (
    <Card>
      <CardHeader
        id="idp-config"
        title="2. Identity provider configuration"
        description="Give Portico your IdP's metadata: its URL, the file, or the values by hand."
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
          <IdpConfigForm connection={connection} onDone={() => setEditing(false)} canCancel={configured} />
        ) : (
          <IdpConfigView connection={connection} />
        )}
      </div>
      {configured ? <AttributeMapping connection={connection} /> : null}
    </Card>
  );
}

function IdpConfigView({ connection }: { connection: Connection }) {
  const source = { url: "Metadata URL", xml: "Uploaded metadata file", manual: "Entered by hand" }[connection.idp.metadataSource ?? "manual"];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]">
      <dt className="text-slate-600">Configured from</dt>
      <dd className="break-all text-slate-900">{connection.idp.metadataUrl ?? source}</dd>
      <dt className="text-slate-600">IdP entity ID</dt>
      <dd className="break-all font-mono text-slate-900">{connection.idp.entityId}</dd>
      <dt className="text-slate-600">SSO URL</dt>
      <dd className="break-all font-mono text-slate-900">{connection.idp.ssoUrl}</dd>
      <dt className="text-slate-600">Signing certificates</dt>
      <dd className="min-w-0 space-y-1 text-slate-900">
        {connection.certificates.map((c) => (
          <p key={c.id}>
            Expires <Time value={c.notAfter} /> <span className="block truncate font-mono text-xs text-slate-600">{c.fingerprint}</span>
          </p>
        ))}
      </dd>
    </dl>
  );
}

function IdpConfigForm({ connection, onDone, canCancel }: { connection: Connection; onDone: () => void; canCancel: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const configure = useMutation(trpc.portal.sso.configure.mutationOptions());
  const [mode, setMode] = useState<Mode>("url");
  const [values, setValues] = useState({ metadataUrl: connection.idp.metadataUrl ?? "", metadataXml: "", idpEntityId: "", ssoUrl: "", certificates: "" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setErrors({});
    const certificates = values.certificates
      .split(/(?=-----BEGIN CERTIFICATE-----)/)
      .map((c) => c.trim())
      .filter(Boolean);
    const input =
      mode === "url"
        ? { metadataUrl: values.metadataUrl }
        : mode === "file"
          ? { metadataXml: values.metadataXml }
          : { idpEntityId: values.idpEntityId, ssoUrl: values.ssoUrl, x509Certificates: certificates };
    try {
      await configure.mutateAsync({ id: connection.id, ...input });
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

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">How do you want to give it?</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {(
            [
              ["url", "Metadata URL"],
              ["file", "Upload metadata file"],
              ["manual", "Enter by hand"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="inline-flex items-center gap-2">
              <input type="radio" name="idp-config-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              {label}
            </label>
          ))}
        </div>
      </fieldset>
      {mode === "url" ? (
        <Field id="metadata-url" label="IdP metadata URL" error={errors.metadataUrl} hint="Portico fetches it from its server.">
          <Input
            id="metadata-url"
            type="url"
            value={values.metadataUrl}
            onChange={set("metadataUrl")}
            aria-describedby={describedBy("metadata-url", { error: errors.metadataUrl, hint: true })}
            aria-invalid={Boolean(errors.metadataUrl)}
          />
        </Field>
      ) : null}
      {mode === "file" ? (
        <Field id="metadata-file" label="IdP metadata file (XML)" error={errors.metadataXml}>
          <Input
            id="metadata-file"
            type="file"
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            aria-invalid={Boolean(errors.metadataXml)}
            onChange={async (e) => {
              const file = e.target.files?.[0];
              setValues((v) => ({ ...v, metadataXml: "" }));
              if (file) {
                const text = await file.text();
                setValues((v) => ({ ...v, metadataXml: text }));
              }
            }}
          />
        </Field>
      ) : null}
      {mode === "manual" ? (
        <>
          <Field id="idp-entity-id" label="IdP entity ID (issuer)" error={errors.idpEntityId}>
            <Input id="idp-entity-id" value={values.idpEntityId} onChange={set("idpEntityId")} aria-invalid={Boolean(errors.idpEntityId)} />
          </Field>
          <Field id="idp-sso-url" label="IdP SSO URL" error={errors.ssoUrl}>
            <Input id="idp-sso-url" type="url" value={values.ssoUrl} onChange={set("ssoUrl")} aria-invalid={Boolean(errors.ssoUrl)} />
          </Field>
          <Field
            id="idp-certificates"
            label="Signing certificate(s), PEM"
            error={errors.x509Certificates}
            hint="Paste several one after another while the IdP rotates its certificate."
          >
            <textarea
              id="idp-certificates"
              rows={6}
              value={values.certificates}
              onChange={set("certificates")}
              className={`${inputClass} h-auto font-mono text-xs`}
              aria-invalid={Boolean(errors.x509Certificates)}
            />
          </Field>
        </>
      ) : null}
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
