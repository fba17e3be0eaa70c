"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";

export function RevokeApiKey({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions());

  const confirm = async () => {
    await revoke.mutateAsync({ id });
    await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
    setOpen(false);
    toast(`Revoked ${name}`);
  };

  return (
    <>
      <Button variant="secondary" size="sm" className="text-red-700 hover:bg-red-50" aria-label={`Revoke ${name}`} onClick={() => setOpen(true)}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) revoke.reset();
        }}
        title={`Revoke ${name}?`}
        description="Requests signed with this key will be refused immediately. Anything still using it will stop working. This cannot be undone."
      >
        {revoke.isError ? <Alert>{serverProblem(revoke.error).message}</Alert> : null}
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" disabled={revoke.isPending} onClick={() => void confirm().catch(() => undefined)}>
            {revoke.isPending ? <Spinner /> : null} Revoke key
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </>
  );
}
