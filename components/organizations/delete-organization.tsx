"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useToast } from "@/components/providers/toast-provider";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** Deleting is permanent, so the name must be typed out first. */
export function DeleteOrganization({ id, name }: { id: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const remove = useMutation(trpc.organizations.delete.mutationOptions());
  const matches = typed.trim() === name;

  const confirm = async () => {
    await remove.mutateAsync({ id });
    queryClient.removeQueries({ queryKey: trpc.organizations.get.queryKey({ id }) });
    await queryClient.invalidateQueries({ queryKey: trpc.organizations.list.pathKey() });
    toast(`Deleted ${name}`);
    router.push("/dashboard");
  };

  return (
    <>
      <Button variant="secondary" className="text-red-700 hover:bg-red-50" onClick={() => setOpen(true)}>
        <Trash2 aria-hidden className="size-4" /> Delete
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (!next) setTyped("");
        }}
        title="Delete organization"
        description={
          <p>
            This permanently deletes <strong className="font-semibold text-slate-900">{name}</strong>, its domains and metadata. Apps using its ID will stop
            finding it. This cannot be undone.
          </p>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (matches) confirm().catch(() => undefined);
          }}
        >
          {remove.isError ? (
            <div className="mb-4">
              <Alert>{serverProblem(remove.error).message}</Alert>
            </div>
          ) : null}
          <Field
            id="confirm-name"
            label={
              <>
                Type <span className="font-mono font-semibold">{name}</span> to confirm
              </>
            }
          >
            <Input id="confirm-name" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
          </Field>
          <DialogActions>
            <AlertCancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertCancel>
            <Button type="submit" variant="danger" disabled={!matches || remove.isPending}>
              {remove.isPending ? <Spinner /> : null} Delete organization
            </Button>
          </DialogActions>
        </form>
      </ConfirmDialog>
    </>
  );
}
