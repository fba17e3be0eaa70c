"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import type { RenewalConnection } from "./certificate-renewal";

/** Step two: the new certificate pasted as PEM or read from the IdP's new metadata file; or the metadata URL fetched now. */
export function AddCertificateCard({ connection }: { connection: RenewalConnection }) {
  return connection.idp.metadataUrl ? <RefreshMetadata connection={connection} /> : <UploadCertificate connection={connection} />;
}

function UploadCertificate({ connection }: { connection: RenewalConnection }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const add = useMutation(trpc.portal.certificateRenewal.addCertificate.mutationOptions());
  const [pem, setPem] = useState("");
  const [metadataXml, setMetadataXml] = useState<string>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [added, setAdded] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setAdded(false);
    try {
      await add.mutateAsync(metadataXml ? { connectionId: connection.id, metadataXml } : { connectionId: connection.id, certificate: pem });
      setPem("");
      setMetadataXml(undefined);
      setAdded(true);
      await queryClient.invalidateQueries({ queryKey: trpc.portal.certificateRenewal.get.queryKey() });
    } catch (e) {
      const problem = serverProblem(e);
      setErrors(
        problem.fieldErrors.length ? Object.fromEntries(problem.fieldErrors.map((f) => [f.field, asSentence(f.message ?? f.code)])) : { form: problem.message },
      );
    }
  };
  const pemId = `new-certificate-${connection.id}`;
  const fileId = `new-metadata-${connection.id}`;
  return (
    <Card>
      <CardHeader
        id={`add-${connection.id}`}
        title="2. Add the new certificate"
        description="It is accepted beside the current one until you retire the old one."
      />
      <form onSubmit={submit} className="space-y-4 px-5 py-4" noValidate>
        <Field id={pemId} label="New signing certificate (PEM)" error={errors.certificate}>
          <textarea
            id={pemId}
            rows={6}
            value={pem}
            onChange={(e) => setPem(e.target.value)}
            placeholder="-----BEGIN CERTIFICATE-----"
            aria-invalid={Boolean(errors.certificate)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          />
        </Field>
        <Field id={fileId} label="Or the IdP's new metadata XML file" error={errors.metadataXml}>
          <input
            id={fileId}
            type="file"
            accept=".xml,application/xml,text/xml,application/samlmetadata+xml"
            onChange={async (e) => setMetadataXml((await e.target.files?.[0]?.text()) ?? undefined)}
            aria-invalid={Boolean(errors.metadataXml)}
            className="block w-full text-sm text-slate-700"
          />
        </Field>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
        {added ? <Alert tone="brand">Added. Now switch your IdP to the new certificate and run Test sign-in.</Alert> : null}
        <Button type="submit" disabled={add.isPending || (!pem.trim() && !metadataXml)}>
          {add.isPending ? <Spinner /> : null} Add certificate
        </Button>
      </form>
    </Card>
  );
}

function RefreshMetadata({ connection }: { connection: RenewalConnection }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useMutation(trpc.portal.certificateRenewal.refreshMetadata.mutationOptions());
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const click = async () => {
    setMessage(undefined);
    try {
      const outcome = await refresh.mutateAsync({ connectionId: connection.id });
      setMessage(
        outcome.kind === "failed"
          ? { ok: false, text: outcome.message }
          : { ok: true, text: outcome.kind === "changed" ? outcome.summary : "The metadata lists the same certificates as before." },
      );
      await queryClient.invalidateQueries({ queryKey: trpc.portal.certificateRenewal.get.queryKey() });
    } catch (e) {
      setMessage({ ok: false, text: serverProblem(e).message });
    }
  };
  return (
    <Card>
      <CardHeader
        id={`add-${connection.id}`}
        title="2. Fetch the metadata again"
        description="This connection reads its certificates from the IdP's metadata URL: once the IdP lists the new certificate there, fetch it now instead of waiting for the daily refresh."
        action={
          <Button onClick={click} disabled={refresh.isPending}>
            {refresh.isPending ? <Spinner /> : null} Fetch metadata now
          </Button>
        }
      />
      <div className="px-5 py-4 text-sm break-all text-slate-600">
        {message ? <Alert tone={message.ok ? "brand" : "red"}>{message.text}</Alert> : <code className="font-mono text-xs">{connection.idp.metadataUrl}</code>}
      </div>
    </Card>
  );
}
