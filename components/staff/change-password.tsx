"use client";

import { useMutation } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { DialogActions, Modal } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Errors = { currentPassword?: string; newPassword?: string; form?: string };

/** Changing the password ends every session, this one too, so success leads to the sign-in page. */
export function ChangePassword() {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const change = useMutation(trpc.staff.changePassword.mutationOptions());

  const close = () => {
    setOpen(false);
    setCurrentPassword("");
    setNewPassword("");
    setErrors({});
  };

  const submit = async () => {
    if (newPassword.length < 12) return setErrors({ newPassword: "Use at least 12 characters." });
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      window.location.assign("/sign-in");
    } catch (e) {
      const problem = serverProblem(e);
      const field = (name: keyof Errors) => problem.fieldErrors.find((f) => f.field === name)?.message;
      const next: Errors = { currentPassword: field("currentPassword"), newPassword: field("newPassword") };
      if (!next.currentPassword && !next.newPassword) return setErrors({ form: problem.message });
      setErrors({ currentPassword: next.currentPassword && asSentence(next.currentPassword), newPassword: next.newPassword && asSentence(next.newPassword) });
    }
  };

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <KeyRound aria-hidden className="size-4" /> Change password
      </Button>
      <Modal
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title="Change your password"
        description="Every session you have, here and on other devices, ends; you sign in again with the new password."
      >
        <form
          noValidate
          className="space-y-5"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {errors.form ? <Alert>{errors.form}</Alert> : null}
          <Field id="current-password" label="Current password" error={errors.currentPassword}>
            <Input
              id="current-password"
              type="password"
              autoComplete="current-password"
              autoFocus
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.target.value)}
              aria-invalid={errors.currentPassword ? true : undefined}
              aria-describedby={describedBy("current-password", { error: errors.currentPassword })}
            />
          </Field>
          <Field id="new-password" label="New password" error={errors.newPassword}>
            <Input
              id="new-password"
              type="password"
              autoComplete="new-password"
              value={newPassword}
              onChange={(e) => setNewPassword(e.target.value)}
              aria-invalid={errors.newPassword ? true : undefined}
              aria-describedby={describedBy("new-password", { error: errors.newPassword })}
            />
          </Field>
          <DialogActions>
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? <Spinner /> : null} Change password
            </Button>
          </DialogActions>
        </form>
      </Modal>
    </>
  );
}
