"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { DialogActions, Modal } from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/feedback";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

/** Names a new key, then shows its secret exactly once: only a hash is stored. */
export function CreateApiKey() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<string>();
  const create = useMutation(trpc.apiKeys.create.mutationOptions());

  const reset = () => {
    setName("");
    setError(undefined);
    setSecret(undefined);
    create.reset();
  };

  const close = () => {
    setOpen(false);
    reset();
  };

  const submit = async () => {
    if (!name.trim()) return setError("Enter a name, like “Production backend”.");
    if (name.trim().length > 100) return setError("Use at most 100 characters.");
    try {
      const key = await create.mutateAsync({ name: name.trim() });
      setSecret(key.secret);
      await queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
    } catch (e) {
      const problem = serverProblem(e);
      setError(asSentence(problem.fieldErrors.find((f) => f.field === "name")?.message ?? problem.message));
    }
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" /> Create API key
      </Button>
      <Modal
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title={secret ? "Copy your secret key" : "Create API key"}
        description={secret ? undefined : "Your backend sends this key as a Bearer token to call the Portico API."}
      >
        {secret ? (
          <div className="space-y-4">
            <div role="status" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
              <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
              <p>This secret will not be shown again. Copy it now and store it somewhere safe, like your secrets manager.</p>
            </div>
            <CopyField id="new-api-key-secret" label="Secret key" value={secret} />
            <DialogActions>
              <Button onClick={close}>Done</Button>
            </DialogActions>
          </div>
        ) : (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Field id="api-key-name" label="Name" hint="Helps you recognise the key later, e.g. where it is used." error={error}>
              <Input
                id="api-key-name"
                value={name}
                autoComplete="off"
                autoFocus
                onChange={(e) => setName(e.target.value)}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy("api-key-name", { error, hint: true })}
              />
            </Field>
            <DialogActions>
              <Button variant="secondary" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? <Spinner /> : null} Create key
              </Button>
            </DialogActions>
          </form>
        )}
      </Modal>
    </>
  );
}
