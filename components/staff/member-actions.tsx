"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Select } from "@/components/ui/input";
import { roleOptions, type Role } from "./roles";

export function RoleSelect({ id, email, role }: { id: string; email: string; role: Role }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const change = useMutation(trpc.staff.changeRole.mutationOptions());
  return (
    <div className="w-32">
      <Select
        aria-label={`Role of ${email}`}
        value={role}
        disabled={change.isPending}
        onChange={async (e) => {
          try {
            await change.mutateAsync({ id, role: e.target.value as Role });
            toast(`${email} is now ${e.target.value}`);
          } catch (error) {
            toast(serverProblem(error).message, "error");
          }
          await queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
        }}
      >
        {roleOptions.map((r) => (
          <option key={r.value} value={r.value}>
            {r.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

/** Removing or revoking: one confirmation pattern for both kinds of staff row. */
export function ConfirmRemoval({ kind, id, label }: { kind: "member" | "invitation"; id: string; label: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const remove = useMutation(trpc.staff.remove.mutationOptions());
  const revoke = useMutation(trpc.staff.revokeInvitation.mutationOptions());
  const mutation = kind === "member" ? remove : revoke;
  const copy =
    kind === "member"
      ? {
          button: "Remove",
          title: `Remove ${label}?`,
          body: `${label} will be signed out and lose access to this dashboard at once.`,
          confirm: "Remove member",
          done: `Removed ${label}`,
        }
      : {
          button: "Revoke",
          title: "Revoke this invitation?",
          body: `The link sent to ${label} will stop working. You can invite them again later.`,
          confirm: "Revoke invitation",
          done: "Invitation revoked",
        };

  const confirm = async () => {
    await mutation.mutateAsync({ id });
    await queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
    setOpen(false);
    toast(copy.done);
  };

  return (
    <>
      <Button variant="secondary" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`${copy.button} ${label}`} onClick={() => setOpen(true)}>
        {copy.button}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) mutation.reset();
        }}
        title={copy.title}
        description={copy.body}
      >
        {mutation.isError ? <Alert>{serverProblem(mutation.error).message}</Alert> : null}
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" disabled={mutation.isPending} onClick={() => void confirm().catch(() => undefined)}>
            {mutation.isPending ? <Spinner /> : null} {copy.confirm}
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </>
  );
}
