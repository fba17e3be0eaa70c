"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Pencil, Power, Trash2 } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions, Modal } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { EndpointForm } from "./endpoint-form";
import { SecretReveal } from "./secret-reveal";
import type { Endpoint } from "./types";

/** Edit, switch on or off, rotate the secret, delete: the admin's actions on one endpoint. */
export function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: refresh }));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: refresh }));
  const [dialog, setDialog] = useState<"edit" | "rotate" | "delete" | null>(null);
  const [secret, setSecret] = useState<string>();
  const close = () => {
    setDialog(null);
    setSecret(undefined);
    rotate.reset();
    remove.reset();
  };
  const enabled = endpoint.status === "enabled";

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={update.isPending}
        onClick={() => update.mutate({ id: endpoint.id, status: enabled ? "disabled" : "enabled" })}
      >
        {update.isPending ? <Spinner className="size-3.5" /> : <Power aria-hidden className="size-3.5" />} {enabled ? "Disable" : "Enable"}
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setDialog("edit")}>
        <Pencil aria-hidden className="size-3.5" /> Edit
      </Button>
      <Button variant="secondary" size="sm" onClick={() => setDialog("rotate")}>
        <KeyRound aria-hidden className="size-3.5" /> Rotate secret
      </Button>
      <Button variant="ghost" size="sm" onClick={() => setDialog("delete")} aria-label={`Delete endpoint ${endpoint.endpoint_url}`}>
        <Trash2 aria-hidden className="size-3.5 text-red-700" /> Delete
      </Button>

      <Modal open={dialog === "edit"} onOpenChange={(o) => (o ? null : close())} title="Edit endpoint">
        <EndpointForm
          defaultValues={{ endpointUrl: endpoint.endpoint_url, events: endpoint.events }}
          submitLabel="Save"
          onCancel={close}
          onSubmit={async (values) => {
            await update.mutateAsync({ id: endpoint.id, ...values });
            close();
          }}
        />
      </Modal>

      <Modal open={dialog === "rotate"} onOpenChange={(o) => (o ? null : close())} title={secret ? "Copy the new signing secret" : "Rotate signing secret"}>
        {secret ? (
          <SecretReveal secret={secret} note="The old secret keeps signing deliveries, beside the new one, for 24 hours." onDone={close} />
        ) : (
          <>
            <p className="text-sm text-slate-700">
              A new secret signs every delivery from now on. For 24 hours each delivery also carries a signature with the current secret, so receivers can
              switch over without missing events.
            </p>
            {rotate.isError ? (
              <div className="mt-3">
                <Alert title="The secret was not rotated">{serverProblem(rotate.error).message}</Alert>
              </div>
            ) : null}
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button disabled={rotate.isPending} onClick={async () => setSecret((await rotate.mutateAsync({ id: endpoint.id })).secret)}>
                {rotate.isPending ? <Spinner /> : null} Rotate secret
              </Button>
            </DialogActions>
          </>
        )}
      </Modal>

      <ConfirmDialog
        open={dialog === "delete"}
        onOpenChange={(o) => (o ? null : close())}
        title="Delete this endpoint?"
        description={
          <>
            Deliveries to <span className="font-medium break-all">{endpoint.endpoint_url}</span> stop at once, and its delivery history is deleted.
          </>
        }
      >
        {remove.isError ? <Alert title="The endpoint was not deleted">{serverProblem(remove.error).message}</Alert> : null}
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" disabled={remove.isPending} onClick={async () => (await remove.mutateAsync({ id: endpoint.id }), close())}>
            {remove.isPending ? <Spinner /> : null} Delete endpoint
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </div>
  );
}
