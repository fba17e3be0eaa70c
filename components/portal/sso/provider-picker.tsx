"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/feedback";
import { serverProblem } from "@/components/forms/server-errors";
import type { SsoState } from "./sso-setup";

/** Step 1: which identity provider the organization uses. Each has its own walk-through next. */
export function ProviderPicker({ providers, oidcProviders }: { providers: SsoState["providers"]; oidcProviders: SsoState["oidcProviders"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.portal.sso.create.mutationOptions());
  const createOidc = useMutation(trpc.portal.sso.createOidc.mutationOptions());
  const [error, setError] = useState<string>();
  const choose = async (provider: SsoState["providers"][number]["key"]) => {
    try {
      await create.mutateAsync({ provider });
      await queryClient.invalidateQueries({ queryKey: trpc.portal.sso.get.queryKey() });
    } catch (e) {
      setError(serverProblem(e).message);
    }
  };
  const chooseOidc = async (connectionType: SsoState["oidcProviders"][number]["connectionType"]) => {
    try {
      await createOidc.mutateAsync({ connectionType });
      await queryClient.invalidateQueries({ queryKey: trpc.portal.sso.get.queryKey() });
    } catch (e) {
      setError(serverProblem(e).message);
    }
  };
  return (
    <>
      <PageHeader title="Set up Single Sign-On" description="Choose the identity provider your organization signs in with, over SAML or OpenID Connect." />
      {error ? <Alert>{error}</Alert> : null}
      <h2 className="mb-3 text-sm font-semibold text-slate-900">SAML</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="Identity providers">
        {providers.map((p) => (
          <li key={p.key}>
            <button
              type="button"
              disabled={create.isPending}
              onClick={() => choose(p.key)}
              className="w-full rounded-lg border border-slate-200 bg-white px-4 py-3 text-left text-sm font-medium text-slate-900 shadow-sm hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {p.label}
              <span className="block text-xs font-normal text-slate-600">{p.key === "custom" ? "Any SAML 2.0 identity provider" : `${p.label} SAML app`}</span>
            </button>
          </li>
        ))}
      </ul>
      <h2 className="mt-6 mb-3 text-sm font-semibold text-slate-900">OpenID Connect</h2>
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label="OpenID Connect providers">
        {oidcProviders.map((p) => (
          <li key={p.connectionType}>
            <button
              type="button"
              disabled={createOidc.isPending}
              onClick={() => chooseOidc(p.connectionType)}
              className="w-full rounded-lg border border-slate-200 bg-white px-4 py-3 text-left text-sm font-medium text-slate-900 shadow-sm hover:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {p.label}
              <span className="block text-xs font-normal text-slate-600">
                {p.connectionType === "GenericOIDC" ? "Discovery URL, client ID and secret" : `${p.label.replace(" (OIDC)", "")} OIDC app`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
