"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import type { Delivery } from "./types";

function Body({ label, text }: { label: string; text: string | null }) {
  return (
    <div className="min-w-0">
      <h4 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{label}</h4>
      <pre className="mt-1 max-h-60 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs whitespace-pre-wrap break-all text-slate-100">
        {text || "(empty)"}
      </pre>
    </div>
  );
}

/** One delivery opened up: every attempt, the request sent and the last answer (both truncated). */
export function DeliveryDetail({ delivery, endpointId, canEdit }: { delivery: Delivery; endpointId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const resend = useMutation(
    trpc.webhooks.resend.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey({ endpointId }) }) }),
  );
  return (
    <div className="space-y-4 bg-slate-50 px-5 py-4">
      {delivery.history.length ? (
        <ol className="space-y-1 text-sm text-slate-700" aria-label="Attempts">
          {delivery.history.map((a) => (
            <li key={a.attempt} className="flex flex-wrap gap-x-3">
              <span className="font-medium">Attempt {a.attempt}</span>
              <span>{a.statusCode ? `HTTP ${a.statusCode}` : a.error}</span>
              <span>{a.durationMs} ms</span>
              <Time value={a.at} withTime />
            </li>
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">Not attempted yet.</p>
      )}
      {delivery.lastError && !delivery.lastStatusCode ? <p className="text-sm text-red-700">{delivery.lastError}</p> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Body label="Request body" text={delivery.requestBody} />
        <Body label="Response body" text={delivery.responseBody} />
      </div>
      {canEdit ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant="secondary" size="sm" disabled={resend.isPending} onClick={() => resend.mutate({ id: delivery.id })}>
            {resend.isPending ? <Spinner className="size-3.5" /> : <RotateCw aria-hidden className="size-3.5" />} Resend
          </Button>
          {resend.isSuccess ? (
            <span role="status" className="text-sm text-emerald-800">
              Queued again: it appears at the top of the list.
            </span>
          ) : null}
          {resend.isError ? <Alert title="Not resent">{serverProblem(resend.error).message}</Alert> : null}
        </div>
      ) : null}
    </div>
  );
}
