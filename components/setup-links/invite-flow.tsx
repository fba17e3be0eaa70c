"use client";

import { useQueryClient } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import { useActionState, useState } from "react";
import { createSetupLinkAction, type SetupLinkFormState } from "@/app/dashboard/organizations/[id]/setup-link/actions";
import type { PortalIntent } from "@/db/schema";
import type { FeatureOption } from "@/components/portal/features";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { DialogActions } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { FeaturePicker } from "./feature-picker";
import { CreatedLink, RecipientFields, validEmail } from "./setup-link-forms";

/**
 * "Invite admin": choose features, then email the link or copy it. The last step is a form posting to
 * the setup-link server action. A copied link is shown this once; only its hash is stored.
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
  const [step, setStep] = useState<"features" | "recipient">("features");
  const [intents, setIntents] = useState<PortalIntent[]>([]);
  const [featuresError, setFeaturesError] = useState<string>();
  const [emailError, setEmailError] = useState<string>();
  const [sending, setSending] = useState<"email" | "copy">("email");
  const labels = features.filter((f) => intents.includes(f.intent)).map((f) => f.label);
  const [state, formAction, pending] = useActionState(
    async (previous: SetupLinkFormState, form: FormData) => {
      const next = await createSetupLinkAction(previous, form);
      if (next.status === "sent") toast(next.outbox ? "Setup link kept in the Outbox" : `Setup link sent to ${next.email}`);
      if (next.status === "sent" || next.status === "copied" || (next.status === "problem" && next.code === "setup_link_active"))
        await queryClient.invalidateQueries({ queryKey: trpc.setupLinks.get.queryKey({ organizationId }) });
      return next;
    },
    { status: "idle" } satisfies SetupLinkFormState as SetupLinkFormState,
  );

  if (state.status === "sent" || state.status === "copied") {
    return (
      <div className="space-y-4">
        <CreatedLink state={state} labels={labels} organizationName={organizationName} />
        <DialogActions>
          <Button onClick={onDone}>Done</Button>
        </DialogActions>
      </div>
    );
  }

  if (step === "features") {
    return (
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (intents.length === 0) return setFeaturesError("Choose at least one feature.");
          setStep("recipient");
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

  const problem = state.status === "problem" && state.field !== "email" ? state.message : undefined;
  return (
    <div className="space-y-5">
      <div className="rounded-md bg-slate-50 px-3.5 py-2.5 text-sm text-slate-700">
        <span className="font-medium text-slate-900">Features:</span> {labels.join(", ")}{" "}
        <button
          type="button"
          className="ml-1 rounded font-medium text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          onClick={() => setStep("features")}
        >
          Change
        </button>
      </div>
      {problem ? <Alert>{problem}</Alert> : null}
      <form
        noValidate
        action={formAction}
        onSubmit={(e) => {
          const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
          const mode = submitter?.value === "copy" ? "copy" : "email";
          const email = String(new FormData(e.currentTarget).get("email") ?? "");
          setSending(mode);
          setEmailError(undefined);
          if (mode === "email" && !validEmail(email)) {
            e.preventDefault();
            setEmailError("Enter the IT admin's email address, like it-admin@example.com.");
          }
        }}
      >
        <input type="hidden" name="organizationId" value={organizationId} />
        {intents.map((intent) => (
          <input key={intent} type="hidden" name="intents" value={intent} />
        ))}
        <RecipientFields
          organizationName={organizationName}
          emailError={emailError ?? (state.status === "problem" && state.field === "email" ? state.message : undefined)}
          pending={pending ? sending : null}
          autoFocus
        />
      </form>
      <div className="flex justify-start border-t border-slate-200 pt-4">
        <Button variant="ghost" size="sm" onClick={() => setStep("features")}>
          <ArrowLeft aria-hidden className="size-3.5" /> Back
        </Button>
      </div>
    </div>
  );
}
