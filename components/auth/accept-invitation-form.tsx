"use client";

import { useActionState } from "react";
import { acceptInvitationAction, type AcceptState } from "@/app/invite/[token]/actions";
import { Alert } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "./submit-button";

const initial: AcceptState = { error: null, fieldErrors: {}, values: { email: "", name: "" } };

/** Creates the account an invitation (or the first-run setup link) is for. */
export function AcceptInvitationForm({ token, needsEmail, submitLabel }: { token: string; needsEmail: boolean; submitLabel: string }) {
  const [state, action] = useActionState(acceptInvitationAction.bind(null, token), initial);
  const errors = state.fieldErrors;
  const passwordHint = "At least 12 characters. A passphrase is easiest to remember.";
  return (
    <form action={action} className="space-y-5" noValidate>
      {state.error ? <Alert>{state.error}</Alert> : null}
      {needsEmail ? (
        <Field id="email" label="Email" error={errors.email}>
          <Input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            defaultValue={state.values.email}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describedBy("email", { error: errors.email })}
          />
        </Field>
      ) : null}
      <Field id="name" label="Full name" error={errors.name}>
        <Input
          id="name"
          name="name"
          autoComplete="name"
          defaultValue={state.values.name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy("name", { error: errors.name })}
        />
      </Field>
      <Field id="password" label="Password" hint={passwordHint} error={errors.password}>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={12}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy("password", { error: errors.password, hint: passwordHint })}
        />
      </Field>
      <Field id="confirmPassword" label="Confirm password" error={errors.confirmPassword}>
        <Input
          id="confirmPassword"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={errors.confirmPassword ? true : undefined}
          aria-describedby={describedBy("confirmPassword", { error: errors.confirmPassword })}
        />
      </Field>
      <SubmitButton pendingLabel="Creating your account…">{submitLabel}</SubmitButton>
    </form>
  );
}
