"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { EndpointForm } from "./endpoint-form";
import { SecretReveal } from "./secret-reveal";

export function CreateEndpoint() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string>();
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const close = () => {
    setOpen(false);
    setSecret(undefined);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden className="size-4" /> Add endpoint
      </Button>
      <Modal
        open={open}
        onOpenChange={(next) => (next ? setOpen(true) : close())}
        title={secret ? "Copy the signing secret" : "Add webhook endpoint"}
        description={secret ? undefined : "Portico sends the events you choose to this URL, signed, and retries failures for up to three days."}
      >
        {secret ? (
          <SecretReveal secret={secret} onDone={close} />
        ) : (
          <EndpointForm
            defaultValues={{ endpointUrl: "", events: [] }}
            submitLabel="Add endpoint"
            onCancel={close}
            onSubmit={async (values) => {
              const endpoint = await create.mutateAsync(values);
              setSecret(endpoint.secret);
              await queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey() });
            }}
          />
        )}
      </Modal>
    </>
  );
}
