"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert, Spinner } from "@/components/ui/feedback";
import type { RenewalConnection } from "./certificate-renewal";

const DAY_MS = 86_400_000;

function expiryBadge(notAfter: string) {
  const left = new Date(notAfter).getTime() - Date.now();
  if (left <= 0) return <Badge tone="red">expired</Badge>;
  const days = Math.ceil(left / DAY_MS);
  return days <= 90 ? <Badge tone="amber">expires in {days} days</Badge> : <Badge tone="green">valid</Badge>;
}

/** The certificates the connection accepts now; each can be retired once another one has passed a Test sign-in. */
export function CertificateList({ connection, onRetired }: { connection: RenewalConnection; onRetired: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retire = useMutation(trpc.portal.certificateRenewal.retire.mutationOptions());
  const [confirming, setConfirming] = useState<RenewalConnection["certificates"][number] | null>(null);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    if (!confirming) return;
    setError(undefined);
    try {
      await retire.mutateAsync({ connectionId: connection.id, certificateId: confirming.id });
      await queryClient.invalidateQueries({ queryKey: trpc.portal.certificateRenewal.get.queryKey() });
      onRetired();
    } catch (e) {
      setError(serverProblem(e).message);
    }
    setConfirming(null);
  };
  return (
    <Card>
      <CardHeader
        id={`certificates-${connection.id}`}
        title="Accepted signing certificates"
        description={
          connection.idp.metadataUrl ? "Read from your IdP's metadata URL, which Portico fetches daily." : "Responses signed by any of these are accepted."
        }
      />
      {error ? (
        <div className="px-5 pt-4">
          <Alert>{error}</Alert>
        </div>
      ) : null}
      <ul aria-label="Accepted signing certificates" className="divide-y divide-slate-200">
        {connection.certificates.map((cert) => (
          <li key={cert.id} className="flex flex-wrap items-start justify-between gap-3 px-5 py-3 text-sm">
            <div className="min-w-0 space-y-1">
              <p className="font-medium break-all text-slate-900">{cert.subject}</p>
              <p className="flex flex-wrap items-center gap-2 text-slate-600">
                Expires {cert.notAfter.slice(0, 10)} {expiryBadge(cert.notAfter)}
                {cert.verifiedAt ? <Badge tone="green">passed Test sign-in</Badge> : null}
              </p>
              <p className="font-mono text-xs break-all text-slate-600">SHA-256 {cert.fingerprint}</p>
            </div>
            {connection.certificates.length > 1 && !connection.idp.metadataUrl ? (
              <Button
                variant="secondary"
                size="sm"
                onClick={() => setConfirming(cert)}
                aria-label={`Retire ${cert.subject}, expiring ${cert.notAfter.slice(0, 10)}`}
              >
                Retire
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={Boolean(confirming)}
        onOpenChange={(open) => (open ? null : setConfirming(null))}
        title="Retire this certificate?"
        description="Responses signed with it are refused from now on. Do this once your IdP signs with the new certificate and a Test sign-in has passed."
      >
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" disabled={retire.isPending} onClick={confirm}>
            {retire.isPending ? <Spinner /> : null} Retire certificate
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </Card>
  );
}
