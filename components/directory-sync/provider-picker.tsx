"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button, buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, Spinner } from "@/components/ui/feedback";
import { providerGuides } from "./providers";
import { SetupGuide, TokenOnceNotice } from "./setup-guide";

/** Step one: which identity provider. Step two: its walk-through with the base URL and the new token. */
export function ProviderPicker({ productName }: { productName: string }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.portal.directorySync.create.mutationOptions());
  const [type, setType] = useState<string>();
  const [error, setError] = useState<string>();
  const created = create.data;

  if (created) {
    const label = providerGuides.find((p) => p.type === created.type)?.label ?? created.type;
    return (
      <div className="space-y-6">
        <header>
          <h1 className="text-2xl font-semibold text-slate-900">Connect {label}</h1>
          <p className="mt-1 text-sm text-slate-600">
            Follow these steps in {label}. Your directory links as soon as {label} sends its first request.
          </p>
        </header>
        <TokenOnceNotice />
        <Card className="p-5 sm:p-6">
          <SetupGuide type={created.type} productName={productName} baseUrl={created.scim_base_url} token={created.bearer_token} />
        </Card>
        <div className="flex justify-end">
          <Link href={`/portal/dsync/${created.id}`} className={buttonClass("primary")}>
            I have set it up: show the directory <ArrowRight aria-hidden className="size-4" />
          </Link>
        </div>
      </div>
    );
  }

  return (
    <form
      className="space-y-6"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!type) return setError("Choose your identity provider.");
        setError(undefined);
        try {
          await create.mutateAsync({ type });
        } catch (problem) {
          setError(serverProblem(problem).message);
        }
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
          {providerGuides.map((p) => (
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
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? <Spinner /> : null} Continue
        </Button>
      </div>
    </form>
  );
}
