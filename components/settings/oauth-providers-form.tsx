"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert, Skeleton, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ReadOnlyNote } from "./read-only-note";

type Provider = RouterOutputs["settings"]["oauthProviders"][number];

export function OAuthProvidersSettings({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.settings.oauthProviders.queryOptions());
  if (query.isError) return <Alert title="Could not load the sign-in providers">{query.error.message}</Alert>;
  if (!query.data) return <Skeleton className="h-96 w-full" />;
  return (
    <div className="space-y-6">
      {canEdit ? null : <ReadOnlyNote what="this page" />}
      {query.data.map((provider) => (
        <ProviderCard key={provider.provider} initial={provider} canEdit={canEdit} />
      ))}
    </div>
  );
}

function ProviderCard({ initial, canEdit }: { initial: Provider; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.settings.updateOAuthProvider.mutationOptions());
  const [current, setCurrent] = useState(initial);
  const [clientId, setClientId] = useState(initial.clientId ?? "");
  const [clientSecret, setClientSecret] = useState("");
  const [enabled, setEnabled] = useState(initial.enabled);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const key = current.provider;

  const submit = async () => {
    setProblem(undefined);
    try {
      const saved = await save.mutateAsync({
        provider: current.provider,
        enabled,
        ...(clientId.trim() && clientId.trim() !== current.clientId ? { clientId: clientId.trim() } : {}),
        ...(clientSecret ? { clientSecret } : {}),
      });
      setErrors({});
      setCurrent(saved);
      setClientSecret("");
      await queryClient.invalidateQueries({ queryKey: trpc.settings.oauthProviders.queryKey() });
      toast(`${saved.label} sign-in saved`);
    } catch (e) {
      const p = serverProblem(e);
      if (!p.fieldErrors.length) return setProblem(p.message);
      setErrors(Object.fromEntries(p.fieldErrors.map((f) => [f.field, asSentence(f.message ?? "is not valid")])));
      const general = p.fieldErrors.find((f) => f.field === "enabled");
      setProblem(general ? asSentence(general.message ?? "") : "Some fields need fixing before the settings can be saved.");
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Card>
        <CardHeader
          title={`${current.label} sign-in`}
          description={
            <>
              Lets apps send users to <code className="font-mono text-xs">/sso/authorize?provider={current.provider}</code>, with no organization needed.
            </>
          }
          action={current.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="slate">Disabled</Badge>}
        />
        <div className="space-y-4 px-5 py-4">
          {problem ? <Alert>{problem}</Alert> : null}
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700">
            {current.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <div>
            <p className="text-sm font-medium text-slate-800">Redirect URI to register at {current.label}</p>
            <div className="mt-1 flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded-md bg-slate-100 px-2.5 py-1.5 font-mono text-xs text-slate-800">{current.redirectUri}</code>
              <CopyButton value={current.redirectUri} />
            </div>
          </div>
          <Field id={`${key}-client-id`} label="Client ID" error={errors.clientId}>
            <Input
              id={`${key}-client-id`}
              value={clientId}
              disabled={!canEdit}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setClientId(e.target.value)}
              aria-invalid={errors.clientId ? true : undefined}
              aria-describedby={describedBy(`${key}-client-id`, { error: errors.clientId })}
            />
          </Field>
          <Field
            id={`${key}-client-secret`}
            label="Client secret"
            error={errors.clientSecret}
            hint={
              current.clientSecretHint ? `Stored: ${current.clientSecretHint}. Enter a new one only to replace it.` : "Stored encrypted and never shown again."
            }
          >
            <Input
              id={`${key}-client-secret`}
              type="password"
              value={clientSecret}
              disabled={!canEdit}
              autoComplete="new-password"
              placeholder={current.clientSecretHint ?? ""}
              onChange={(e) => setClientSecret(e.target.value)}
              aria-invalid={errors.clientSecret ? true : undefined}
              aria-describedby={describedBy(`${key}-client-secret`, { error: errors.clientSecret, hint: true })}
            />
          </Field>
          <label htmlFor={`${key}-enabled`} className="flex items-center gap-2 text-sm text-slate-800">
            <input
              id={`${key}-enabled`}
              type="checkbox"
              checked={enabled}
              disabled={!canEdit}
              onChange={(e) => setEnabled(e.target.checked)}
              className="size-4 accent-brand-600"
            />
            Enable {current.label} sign-in
          </label>
        </div>
        {canEdit ? (
          <div className="flex justify-end border-t border-slate-200 px-5 py-3">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? <Spinner /> : null} Save {current.label}
            </Button>
          </div>
        ) : null}
      </Card>
    </form>
  );
}
