"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import type { CreatedDirectory } from "./create-directory";

// What follows the choice (the provider's walk-through, the token, copy buttons) loads once it is made.
const CreatedDirectoryGuide = lazy(() => import("./created-directory-guide"));

/** Choose the identity provider, create the directory, then show its walk-through with the new token. */
export function ProviderForm({ productName, providers }: { productName: string; providers: { type: string; label: string }[] }) {
  const [type, setType] = useState<string>();
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<CreatedDirectory>();

  if (created) {
    const label = providers.find((p) => p.type === created.type)?.label ?? created.type;
    return (
      <Suspense fallback={<Spinner label="Loading the walk-through" />}>
        <CreatedDirectoryGuide created={created} label={label} productName={productName} />
      </Suspense>
    );
  }

  return (
    <form
      className="space-y-6"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!type) return setError("Choose your identity provider.");
        setError(undefined);
        setPending(true);
        // The walk-through shown next loads alongside the call.
        import("./created-directory-guide").catch(() => {});
        // The tRPC client is needed only now, for this one call.
        const result = await import("./create-directory")
          .then(({ createDirectory }) => createDirectory(type))
          .catch(() => ({ error: "Something went wrong. Check your connection and try again." }));
        setPending(false);
        if ("error" in result) setError(result.error);
        else setCreated(result.created);
      }}
    >
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">Set up Directory Sync</h1>
        <p className="mt-1 text-sm text-slate-600">
          Your identity provider will create, update and remove {productName} accounts for your people and groups, over SCIM 2.0.
        </p>
      </header>
      <Card>
        <CardHeader title="Choose your identity provider" id="provider-heading" />
        <fieldset className="grid gap-3 p-5 sm:grid-cols-2" aria-labelledby="provider-heading">
          {providers.map((p) => (
            <label
              key={p.type}
              className="flex cursor-pointer items-center gap-3 rounded-md border border-slate-300 px-4 py-3 text-sm font-medium text-slate-900 hover:bg-slate-50 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600"
            >
              <input
                type="radio"
                name="provider"
                value={p.type}
                checked={type === p.type}
                onChange={() => {
                  setType(p.type);
                  setError(undefined);
                }}
                className="size-4 accent-brand-600"
              />
              {p.label}
            </label>
          ))}
        </fieldset>
      </Card>
      {error ? <Alert title="Cannot continue">{error}</Alert> : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} Continue
        </Button>
      </div>
    </form>
  );
}
