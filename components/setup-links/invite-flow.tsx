"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, Link2, MailCheck, Send, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import type { PortalIntent } from "@/db/schema";
import type { FeatureOption } from "@/components/portal/features";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Time } from "@/components/ui/time";
import { FeaturePicker } from "./feature-picker";

type Step =
  | { name: "features" }
  | { name: "recipient" }
  | { name: "sent"; email: string; expiresAt: string; outbox: boolean }
  | { name: "copied"; url: string; expiresAt: string };

/**
 * "Invite admin": choose features, then email the link or copy it. A copied link is shown this once;
 * only its hash is stored, so it cannot be shown again.
 */
export function InviteFlow({
  organizationId,
  organizationName,
  features,
  onDone,
}: {
  organizationId: string;
  organizationName: string;
  features: FeatureOption[];
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const create = useMutation(trpc.setupLinks.create.mutationOptions());
  const [step, setStep] = useState<Step>({ name: "features" });
  const [intents, setIntents] = useState<PortalIntent[]>([]);
  const [featuresError, setFeaturesError] = useState<string>();
  const [email, setEmail] = useState("");
  const [emailError, setEmailError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState<"email" | "copy" | null>(null);
  const labels = features.filter((f) => intents.includes(f.intent)).map((f) => f.label);

  const createLink = async (mode: "email" | "copy") => {
    setProblem(undefined);
    setEmailError(undefined);
    if (mode === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
      return setEmailError("Enter the IT admin's email address, like it-admin@example.com.");
    setSending(mode);
    try {
      const result = await create.mutateAsync({ organizationId, intents, email: mode === "email" ? email.trim() : undefined });
      await queryClient.invalidateQueries({ queryKey: trpc.setupLinks.get.queryKey({ organizationId }) });
      const expiresAt = String(result.link.expiresAt);
      if (mode === "email") {
        const outbox = result.delivery === "outbox";
        setStep({ name: "sent", email: email.trim(), expiresAt, outbox });
        toast(outbox ? "Setup link kept in the Outbox" : `Setup link sent to ${email.trim()}`);
      } else setStep({ name: "copied", url: result.url, expiresAt });
    } catch (e) {
      const p = serverProblem(e);
      const field = p.fieldErrors.find((f) => f.field === "email");
      if (field?.message) setEmailError(asSentence(field.message));
      else if (p.domainCode === "mail_delivery_failed")
        setProblem(`${p.message} No link was created; check the address and try again, or copy the link instead.`);
      else setProblem(p.message);
      if (p.domainCode === "setup_link_active") await queryClient.invalidateQueries({ queryKey: trpc.setupLinks.get.queryKey({ organizationId }) });
    } finally {
      setSending(null);
    }
  };

  if (step.name === "features") {
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (intents.length === 0) return setFeaturesError("Choose at least one feature.");
          setStep({ name: "recipient" });
        }}
      >
        <FeaturePicker
          features={features}
          selected={intents}
          error={featuresError}
          onChange={(next) => {
            setIntents(next);
            if (next.length) setFeaturesError(undefined);
          }}
        />
        <DialogActions>
          <Button variant="secondary" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit">Next</Button>
        </DialogActions>
      </form>
    );
  }

  if (step.name === "recipient") {
    return (
      <div className="space-y-5">
        <div className="rounded-md bg-slate-50 px-3.5 py-2.5 text-sm text-slate-700">
          <span className="font-medium text-slate-900">Features:</span> {labels.join(", ")}{" "}
          <button
            type="button"
            className="ml-1 rounded font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
            onClick={() => setStep({ name: "features" })}
          >
            Change
          </button>
        </div>
        {problem ? <Alert>{problem}</Alert> : null}
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void createLink("email");
          }}
        >
          <Field
            id="invite-email"
            label="IT admin's email"
            hint={`We email them a link to set up ${organizationName}. It is active for 30 days.`}
            error={emailError}
          >
            <Input
              id="invite-email"
              type="email"
              autoComplete="off"
              autoFocus
              value={email}
              placeholder="it-admin@example.com"
              onChange={(e) => setEmail(e.target.value)}
              aria-invalid={emailError ? true : undefined}
              aria-describedby={describedBy("invite-email", { error: emailError, hint: true })}
            />
          </Field>
          <Button type="submit" className="mt-3 w-full sm:w-auto" disabled={sending !== null}>
            {sending === "email" ? <Spinner /> : <Send aria-hidden className="size-4" />} Send setup link
          </Button>
        </form>
        <div className="flex items-center gap-3 text-xs font-medium text-slate-600 uppercase" aria-hidden>
          <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
        </div>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <p className="text-sm text-slate-600">Share the link yourself, in a ticket or a chat.</p>
          <Button variant="secondary" disabled={sending !== null} onClick={() => void createLink("copy")}>
            {sending === "copy" ? <Spinner /> : <Link2 aria-hidden className="size-4" />} Copy setup link
          </Button>
        </div>
        <div className="flex justify-start border-t border-slate-200 pt-4">
          <Button variant="ghost" size="sm" onClick={() => setStep({ name: "features" })}>
            <ArrowLeft aria-hidden className="size-3.5" /> Back
          </Button>
        </div>
      </div>
    );
  }

  if (step.name === "sent") {
    return (
      <div className="space-y-4">
        <div role="status" className="flex gap-3 rounded-md border border-emerald-200 bg-emerald-50 px-3.5 py-3 text-sm text-emerald-900">
          <MailCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
          <div>
            {step.outbox ? (
              <p>
                No SMTP server is configured, so the email to <strong className="font-semibold">{step.email}</strong> was kept in the{" "}
                <Link href="/dashboard/outbox" className="font-medium underline">
                  Outbox
                </Link>
                , where you can open or forward its link.
              </p>
            ) : (
              <p>
                Setup link sent to <strong className="font-semibold">{step.email}</strong>.
              </p>
            )}
            <p className="mt-1">
              It is active until <Time value={step.expiresAt} withTime />, or until every feature is set up.
            </p>
          </div>
        </div>
        <DialogActions>
          <Button onClick={onDone}>Done</Button>
        </DialogActions>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div role="status" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>
          Copy the link now: it will not be shown again. Anyone with it can set up {labels.join(", ")} for {organizationName} until{" "}
          <Time value={step.expiresAt} />.
        </p>
      </div>
      <CopyField id="setup-link-url" label="Setup link" value={step.url} />
      <DialogActions>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}
