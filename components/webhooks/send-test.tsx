"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/feedback";
import { Select } from "@/components/ui/input";
import { eventGroups } from "./event-groups";

/** Sends a sample event of the chosen type to this endpoint, signed and retried like a real one. */
export function SendTestEvent({ endpointId, subscribed }: { endpointId: string; subscribed: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [event, setEvent] = useState(subscribed[0] ?? "organization.created");
  const send = useMutation(
    trpc.webhooks.sendTest.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ endpointId }) }) }),
  );
  const id = `test-event-${endpointId}`;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="sm:w-80">
        <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">
          Test event type
        </label>
        <Select id={id} value={event} onChange={(e) => setEvent(e.target.value)}>
          {eventGroups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.events.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </optgroup>
          ))}
        </Select>
      </div>
      <Button variant="secondary" disabled={send.isPending} onClick={() => send.mutate({ endpointId, event })}>
        {send.isPending ? <Spinner /> : <FlaskConical aria-hidden className="size-4" />} Send test event
      </Button>
      <p role="status" className="text-sm text-slate-600 sm:pb-2">
        {send.isSuccess ? "Sent: see it below." : send.isError ? <span className="text-red-700">{serverProblem(send.error).message}</span> : null}
      </p>
    </div>
  );
}
