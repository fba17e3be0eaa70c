"use client";

import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-button";
import { DialogActions } from "@/components/ui/dialog";

/** A signing secret, shown once: afterwards only its last characters are. */
export function SecretReveal({ secret, note, onDone }: { secret: string; note?: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <div role="status" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        <p>This signing secret will not be shown again. Copy it into your receiver's configuration now.{note ? ` ${note}` : ""}</p>
      </div>
      <CopyField id="webhook-secret" label="Signing secret" value={secret} />
      <p className="text-xs text-slate-600">
        Verify each delivery with <code className="font-mono">workos.webhooks.constructEvent({"{ payload, sigHeader, secret }"})</code>, passing the raw request
        body and the <code className="font-mono">WorkOS-Signature</code> header.
      </p>
      <DialogActions>
        <Button onClick={onDone}>Done</Button>
      </DialogActions>
    </div>
  );
}
