"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound, RotateCcw } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { useToast } from "@/components/providers/toast-provider";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions, Modal } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import { SetupGuide, TokenOnceNotice } from "./setup-guide";

interface Issued {
  scim_base_url: string;
  bearer_token: string;
}

/** Shows a token that was just issued, once, with the steps that use it. */
function IssuedToken({
  issued,
  type,
  productName,
  title,
  onClose,
}: {
  issued: Issued | null;
  type: string;
  productName: string;
  title: string;
  onClose: () => void;
}) {
  return (
    <Modal open={issued !== null} onOpenChange={(open) => (open ? null : onClose())} title={title}>
      {issued ? (
        <div className="space-y-4">
          <TokenOnceNotice />
          <SetupGuide type={type} productName={productName} baseUrl={issued.scim_base_url} token={issued.bearer_token} />
          <DialogActions>
            <Button onClick={onClose}>Done</Button>
          </DialogActions>
        </div>
      ) : null}
    </Modal>
  );
}

type Kind = "rotate" | "reset";

const copy: Record<Kind, { button: string; title: string; body: string; confirm: string; done: string; issuedTitle: string }> = {
  rotate: {
    button: "Regenerate token",
    title: "Regenerate the bearer token?",
    body: "The current token stops working at once. Your identity provider cannot sync until you paste the new token into it.",
    confirm: "Regenerate token",
    done: "New token issued",
    issuedTitle: "Your new bearer token",
  },
  reset: {
    button: "Reset directory",
    title: "Reset this directory?",
    body: "Every synced user and group is deleted from this directory and the current token stops working. Your identity provider has to be set up again with a new token. This cannot be undone.",
    confirm: "Delete users and groups, and reset",
    done: "Directory reset",
    issuedTitle: "Set up your identity provider again",
  },
};

/** "Regenerate token" and "Reset directory": confirm, act, then show the new token once. */
export function TokenAction({
  kind,
  directoryId,
  type,
  productName,
  size = "md",
}: {
  kind: Kind;
  directoryId: string;
  type: string;
  productName: string;
  size?: "sm" | "md";
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useToast();
  const [confirming, setConfirming] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [error, setError] = useState<string>();
  const rotate = useMutation(trpc.portal.directorySync.rotateToken.mutationOptions());
  const reset = useMutation(trpc.portal.directorySync.reset.mutationOptions());
  const mutation = kind === "rotate" ? rotate : reset;
  const text = copy[kind];

  const run = async () => {
    setError(undefined);
    try {
      const result = await mutation.mutateAsync({ directoryId });
      setConfirming(false);
      setIssued(result);
      notify(text.done);
      await queryClient.invalidateQueries({ queryKey: trpc.portal.directorySync.pathKey() });
    } catch (e) {
      setError(serverProblem(e).message);
    }
  };

  return (
    <>
      <Button variant={kind === "reset" ? "danger" : "secondary"} size={size} onClick={() => setConfirming(true)}>
        {kind === "reset" ? <RotateCcw aria-hidden className="size-4" /> : <KeyRound aria-hidden className="size-4" />} {text.button}
      </Button>
      <ConfirmDialog open={confirming} onOpenChange={setConfirming} title={text.title} description={<p>{text.body}</p>}>
        {error ? <Alert title="That did not work">{error}</Alert> : null}
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant={kind === "reset" ? "danger" : "primary"} onClick={run} disabled={mutation.isPending}>
            {mutation.isPending ? <Spinner /> : null} {text.confirm}
          </Button>
        </DialogActions>
      </ConfirmDialog>
      <IssuedToken issued={issued} type={type} productName={productName} title={text.issuedTitle} onClose={() => setIssued(null)} />
    </>
  );
}
