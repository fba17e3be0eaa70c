"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { DialogActions, Modal } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { roleOptions, type Role } from "./roles";

export function InviteStaff() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("admin");
  const [errors, setErrors] = useState<{ email?: string; form?: string }>({});
  const [link, setLink] = useState<string>();
  const [delivery, setDelivery] = useState<"smtp" | "outbox">();
  const invite = useMutation(trpc.staff.invite.mutationOptions());

  const reset = () => {
    setEmail("");
    setRole("admin");
    setErrors({});
    setLink(undefined);
  };

  const close = () => {
    setOpen(false);
    reset();
  };

  const submit = async () => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return setErrors({ email: "Enter an email address like ana@example.com." });
    try {
      const result = await invite.mutateAsync({ email: email.trim(), role });
      setLink(result.url);
      setDelivery(result.delivery);
      await queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
    } catch (e) {
      const problem = serverProblem(e);
      const emailError = problem.fieldErrors.find((f) => f.field === "email")?.message;
      if (emailError || problem.domainCode === "staff_exists") setErrors({ email: asSentence(emailError ?? problem.message) });
      else setErrors({ form: problem.message });
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden className="size-4" /> Invite staff
      </Button>
      <Modal
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title={link ? (delivery === "smtp" ? "Invitation sent" : "Invitation created") : "Invite staff"}
        description={link ? `Send this link to ${email.trim()}. It works once and expires in 7 days.` : "They get their own sign-in with the role you choose."}
      >
        {link ? (
          <div className="space-y-4">
            <CopyField id="invitation-link" label="Invitation link" value={link} />
            <p className="text-sm text-slate-600" role="status">
              {delivery === "smtp"
                ? `The invitation was emailed to ${email.trim()}; you can also share the link yourself.`
                : "No SMTP server is configured, so the email was kept in the Outbox without its link: share the link yourself."}
            </p>
            <DialogActions>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </div>
        ) : (
          <form
            noValidate
            className="space-y-5"
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            {errors.form ? <Alert>{errors.form}</Alert> : null}
            <Field id="invite-email" label="Email" error={errors.email}>
              <Input
                id="invite-email"
                type="email"
                autoComplete="off"
                autoFocus
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                aria-invalid={errors.email ? true : undefined}
                aria-describedby={describedBy("invite-email", { error: errors.email })}
              />
            </Field>
            <Field id="invite-role" label="Role" hint={roleOptions.find((r) => r.value === role)?.description}>
              <Select id="invite-role" value={role} onChange={(e) => setRole(e.target.value as Role)} aria-describedby="invite-role-hint">
                {roleOptions.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </Select>
            </Field>
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={invite.isPending}>
                {invite.isPending ? <Spinner /> : null} Create invitation
              </Button>
            </DialogActions>
          </form>
        )}
      </Modal>
    </>
  );
}
