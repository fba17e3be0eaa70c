"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { PortalIntent } from "@/db/schema";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Skeleton, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { CallbackUrlRows, type CallbackRow } from "./callback-url-rows";
import { ReadOnlyNote } from "./read-only-note";

type Redirects = RouterOutputs["settings"]["redirects"];
type Feature = { intent: PortalIntent; label: string };

export function RedirectsSettings({ features, canEdit }: { features: Feature[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.settings.redirects.queryOptions());
  if (query.isError) return <Alert title="Could not load the redirect settings">{query.error.message}</Alert>;
  if (!query.data) return <Skeleton className="h-96 w-full" />;
  return <RedirectsForm initial={query.data} features={features} canEdit={canEdit} />;
}

function RedirectsForm({ initial, features, canEdit }: { initial: Redirects; features: Feature[]; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const save = useMutation(trpc.settings.updateRedirects.mutationOptions());
  const [returnUrl, setReturnUrl] = useState(initial.defaultReturnUrl ?? "");
  const [successUrls, setSuccessUrls] = useState<Partial<Record<PortalIntent, string>>>(initial.successUrls);
  const [callbacks, setCallbacks] = useState<CallbackRow[]>(initial.ssoCallbackUrls.map((url, i) => ({ key: i + 1, url })));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();

  const submit = async () => {
    setProblem(undefined);
    // The server numbers callback URLs after dropping empty rows; keep the way back to each row.
    const filled = callbacks.map((row, index) => ({ ...row, index })).filter((row) => row.url.trim());
    try {
      const saved = await save.mutateAsync({ defaultReturnUrl: returnUrl.trim() || null, successUrls, ssoCallbackUrls: filled.map((r) => r.url.trim()) });
      setErrors({});
      setReturnUrl(saved.defaultReturnUrl ?? "");
      setSuccessUrls(saved.successUrls);
      setCallbacks(saved.ssoCallbackUrls.map((url, i) => ({ key: i + 1, url })));
      queryClient.setQueryData(trpc.settings.redirects.queryKey(), saved);
      toast("Redirects saved");
    } catch (e) {
      const p = serverProblem(e);
      if (!p.fieldErrors.length) return setProblem(p.message);
      const next: Record<string, string> = {};
      for (const f of p.fieldErrors) {
        const message = asSentence(f.message ?? "is not valid");
        const callback = /^ssoCallbackUrls\.(\d+)$/.exec(f.field);
        if (callback) {
          const row = filled[Number(callback[1])];
          if (row) next[`callback.${row.index}`] = message;
        } else next[f.field] = message;
      }
      setErrors(next);
      setProblem("Some URLs need fixing before the settings can be saved.");
    }
  };

  const callbackErrors = Object.fromEntries(
    Object.entries(errors)
      .filter(([k]) => k.startsWith("callback."))
      .map(([k, v]) => [Number(k.slice(9)), v]),
  );

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {canEdit ? null : <ReadOnlyNote what="this page" />}
      {problem ? <Alert>{problem}</Alert> : null}
      <Card>
        <CardHeader title="Return URL" description="Where “Return to your app” in the Admin Portal leads, unless a portal link sets its own return_url." />
        <div className="px-5 py-4">
          <Field
            id="default-return-url"
            label="Default return URL"
            error={errors.defaultReturnUrl}
            hint="Must use https. http://localhost works only while running in development."
          >
            <Input
              id="default-return-url"
              value={returnUrl}
              disabled={!canEdit}
              placeholder="https://app.example.com/settings"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setReturnUrl(e.target.value)}
              aria-invalid={errors.defaultReturnUrl ? true : undefined}
              aria-describedby={describedBy("default-return-url", { error: errors.defaultReturnUrl, hint: true })}
            />
          </Field>
        </div>
      </Card>
      <Card>
        <CardHeader title="Success URLs" description="Where the IT admin is sent after finishing each feature. Leave one empty to keep them in the portal." />
        <div className="grid gap-4 px-5 py-4 md:grid-cols-2">
          {features.map(({ intent, label }) => {
            const id = `success-url-${intent}`;
            const error = errors[`successUrls.${intent}`];
            return (
              <Field key={intent} id={id} label={label} error={error}>
                <Input
                  id={id}
                  value={successUrls[intent] ?? ""}
                  disabled={!canEdit}
                  placeholder="https://app.example.com/setup/done"
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => setSuccessUrls({ ...successUrls, [intent]: e.target.value })}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={describedBy(id, { error })}
                />
              </Field>
            );
          })}
        </div>
      </Card>
      <Card>
        <CardHeader
          title="SSO callback URLs"
          description={
            <>
              The <code className="font-mono text-xs">redirect_uri</code> values that <code className="font-mono text-xs">/sso/authorize</code> accepts, matched
              exactly.
            </>
          }
        />
        <div className="px-5 py-4">
          <CallbackUrlRows rows={callbacks} errors={callbackErrors} disabled={!canEdit} onChange={setCallbacks} />
        </div>
      </Card>
      {canEdit ? (
        <div className="flex justify-end">
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? <Spinner /> : null} Save redirects
          </Button>
        </div>
      ) : null}
    </form>
  );
}
