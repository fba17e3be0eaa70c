"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Mail } from "lucide-react";
import { useState } from "react";
import { asSentence, serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Button } from "@/components/ui/button";
import { Alert, Spinner } from "@/components/ui/feedback";

/** Emails the organization's IT contacts a certificate renewal link for this connection. */
export function RenewalLinkButton({ organizationId, connectionId }: { organizationId: string; connectionId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const send = useMutation(trpc.connections.emailRenewalLink.mutationOptions());
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const click = async () => {
    setResult(undefined);
    try {
      const sent = await send.mutateAsync({ organizationId, connectionId });
      const where = sent.delivery === "outbox" ? " (kept in the Outbox: no SMTP server is configured)" : "";
      setResult({ ok: true, text: `Renewal link emailed to ${sent.sentTo.join(", ")}${where}.` });
      await queryClient.invalidateQueries({ queryKey: trpc.connections.history.queryKey({ id: connectionId }) });
    } catch (error) {
      const problem = serverProblem(error);
      setResult({ ok: false, text: problem.fieldErrors[0]?.message ? asSentence(problem.fieldErrors[0].message) : problem.message });
    }
  };
  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={click} disabled={send.isPending}>
        {send.isPending ? <Spinner /> : <Mail className="size-4" aria-hidden />} Email renewal link to IT contacts
      </Button>
      {result ? (
        <Alert tone={result.ok ? "brand" : "red"}>
          <span>{result.text}</span>
        </Alert>
      ) : null}
    </div>
  );
}
