"use client";

import { useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Link2, MailCheck, Send, ShieldX, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useActionState, useEffect } from "react";
import { createSetupLinkAction, revokeSetupLinkAction, type SetupLinkFormState } from "@/app/dashboard/organizations/[id]/setup-link/actions";
import type { SetupLinkControlsProps } from "./invite-admin";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import { FeaturePicker } from "./feature-picker";
import { LinkDetails } from "./manage-link";

const idle: SetupLinkFormState = { status: "idle" };

export const validEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

/** The email field and the two ways to hand the link over; inside a form posting to `createSetupLinkAction`. */
export function RecipientFields({
  organizationName,
  emailError,
  pending,
  autoFocus = false,
}: {
  organizationName: string;
  emailError?: string;
  pending: "email" | "copy" | null;
  autoFocus?: boolean;
}) {
  return (
    <>
      <Field
        id="invite-email"
        label="IT admin's email"
        hint={`We email them a link to set up ${organizationName}. It is active for 30 days.`}
        error={emailError}
      >
        <Input
          id="invite-email"
          name="email"
          type="email"
          autoComplete="off"
          autoFocus={autoFocus}
          placeholder="it-admin@example.com"
          aria-invalid={emailError ? true : undefined}
          aria-describedby={describedBy("invite-email", { error: emailError, hint: true })}
        />
      </Field>
      <Button type="submit" name="delivery" value="email" className="mt-3 w-full sm:w-auto" disabled={pending !== null}>
        {pending === "email" ? <Spinner /> : <Send aria-hidden className="size-4" />} Send setup link
      </Button>
      <div className="my-5 flex items-center gap-3 text-xs font-medium text-slate-600 uppercase" aria-hidden>
        <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-slate-600">Share the link yourself, in a ticket or a chat.</p>
        <Button type="submit" name="delivery" value="copy" formNoValidate variant="secondary" disabled={pending !== null}>
          {pending === "copy" ? <Spinner /> : <Link2 aria-hidden className="size-4" />} Copy setup link
        </Button>
      </div>
    </>
  );
}

/** What a created link leaves to show: where it was sent, or the link itself, this once. */
export function CreatedLink({
  state,
  labels,
  organizationName,
}: {
  state: Extract<SetupLinkFormState, { status: "sent" | "copied" }>;
  labels: string[];
  organizationName: string;
}) {
  if (state.status === "sent") {
    return (
      <div role="status" className="flex gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-3.5 py-3 text-sm text-emerald-900">
        <MailCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div>
          {state.outbox ? (
            <p>
              No SMTP server is configured, so the email to <strong className="font-semibold">{state.email}</strong> was kept in the{" "}
              <Link href="/dashboard/outbox" className="font-medium underline">
                Outbox
              </Link>
              , where you can open or forward its link.
            </p>
          ) : (
            <p>
              Setup link sent to <strong className="font-semibold">{state.email}</strong>.
            </p>
          )}
          <p className="mt-1">
            It is active until <Time value={state.expiresAt} withTime />, or until every feature is set up.
          </p>
        </div>
      </div>
    );
  }
  return (
    <>
      <div role="status" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          Copy the link now: it will not be shown again. Anyone with it can set up {labels.length ? labels.join(", ") : "the chosen features"} for{" "}
          {organizationName} until <Time value={state.expiresAt} />.
        </p>
      </div>
      <CopyField id="setup-link-url" label="Setup link" value={state.url} />
    </>
  );
}

/**
 * The setup-link page: "Invite admin" and "Revoke" as plain forms posting to server actions, so they work
 * before (or without) the page's JavaScript; the organization page's dialog is the same with JavaScript.
 */
export function SetupLinkPanel({ organizationId, organizationName, features, canEdit }: SetupLinkControlsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: link } = useSuspenseQuery(trpc.setupLinks.get.queryOptions({ organizationId }));
  const [created, create, creating] = useActionState(createSetupLinkAction, idle);
  const [revoked, revoke, revoking] = useActionState(revokeSetupLinkAction, idle);
  useEffect(() => {
    if (created.status !== "idle" || revoked.status !== "idle")
      void queryClient.invalidateQueries({ queryKey: trpc.setupLinks.get.queryKey({ organizationId }) });
  }, [created, revoked, queryClient, trpc, organizationId]);

  if (created.status === "sent" || created.status === "copied") {
    return (
      <Card className="space-y-4 p-5">
        <CreatedLink state={created} labels={[]} organizationName={organizationName} />
        <Link href={`/dashboard/organizations/${organizationId}`} className="inline-block text-sm font-medium text-brand-700 underline">
          Back to {organizationName}
        </Link>
      </Card>
    );
  }

  if (link && revoked.status !== "revoked") {
    return (
      <Card className="p-5">
        <LinkDetails link={link} features={features} />
        {canEdit ? (
          <form action={revoke} className="mt-5 rounded-lg border border-red-200 bg-red-50 p-4">
            <input type="hidden" name="organizationId" value={organizationId} />
            <h2 className="flex items-center gap-2 text-sm font-semibold text-red-900">
              <ShieldX aria-hidden className="size-4" /> Revoke this setup link?
            </h2>
            <p className="mt-1 text-sm text-red-900">
              The link stops working at once, and anyone using it is signed out at their next step. Settings they already saved stay.
            </p>
            {revoked.status === "problem" ? (
              <div className="mt-3">
                <Alert>{revoked.message}</Alert>
              </div>
            ) : null}
            <Button type="submit" variant="danger" className="mt-4" disabled={revoking}>
              {revoking ? <Spinner /> : null} Revoke link
            </Button>
          </form>
        ) : (
          <p className="mt-4 text-sm text-slate-600">Viewers cannot revoke setup links. Ask an admin or owner.</p>
        )}
      </Card>
    );
  }

  if (!canEdit) return <p className="text-sm text-slate-600">{organizationName} has no active setup link.</p>;
  const problem = created.status === "problem" ? created : null;
  return (
    <Card className="p-5">
      {revoked.status === "revoked" ? (
        <p role="status" className="mb-4 text-sm font-medium text-emerald-800">
          Setup link revoked.
        </p>
      ) : null}
      {problem && problem.field === null ? (
        <div className="mb-4">
          <Alert>{problem.message}</Alert>
        </div>
      ) : null}
      <form action={create} noValidate className="space-y-5">
        <input type="hidden" name="organizationId" value={organizationId} />
        <FeaturePicker features={features} selected={[]} error={problem?.field === "intents" ? problem.message : undefined} />
        <div>
          <RecipientFields
            organizationName={organizationName}
            emailError={problem?.field === "email" ? problem.message : undefined}
            pending={creating ? "email" : null}
          />
        </div>
      </form>
    </Card>
  );
}
