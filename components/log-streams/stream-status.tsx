"use client";

import { Pause, Pencil, Play, Trash2 } from "lucide-react";
import { useState } from "react";
import { serverProblem } from "@/components/forms/server-errors";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { AlertCancel, ConfirmDialog, DialogActions } from "@/components/ui/dialog";
import { Alert } from "@/components/ui/feedback";
import { Time } from "@/components/ui/time";
import type { LogStreamView } from "@/server/services/log-streams";
import type { LogStreamApi } from "./api";
import { kindLabel } from "./destinations";

const tones: Record<LogStreamView["state"], BadgeTone> = { active: "green", inactive: "slate", error: "amber", invalid: "red" };
const stateNames: Record<LogStreamView["state"], string> = { active: "Active", inactive: "Paused", error: "Retrying", invalid: "Invalid" };

function destinationOf(stream: LogStreamView): string {
  const s = stream.settings;
  if (stream.kind === "datadog") return `Datadog ${s.site ?? "US1"}`;
  if (stream.kind === "s3") return `s3://${s.bucket}/${s.prefix ?? ""}`;
  return s.url ?? "";
}

/** The stream's screen: state in plain words, last success, the week's count, recent failures and the actions. */
export function StreamStatus({ api, stream, onEdit }: { api: LogStreamApi; stream: LogStreamView; onEdit: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
    } catch (error) {
      setProblem(serverProblem(error).message);
    }
  };
  return (
    <div className="space-y-5">
      <section aria-labelledby="stream-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h2 id="stream-title" className="flex flex-wrap items-center gap-2 text-base font-semibold text-slate-900">
              {kindLabel(stream.kind)} <Badge tone={tones[stream.state]}>{stateNames[stream.state]}</Badge>
            </h2>
            <p className="mt-1 text-sm break-all text-slate-600">{destinationOf(stream)}</p>
          </div>
          {api.canEdit ? (
            <div className="flex flex-wrap gap-2">
              {stream.state === "inactive" ? (
                <Button variant="secondary" size="sm" onClick={() => void act(() => api.setPaused(false))}>
                  <Play aria-hidden className="size-4" /> Resume
                </Button>
              ) : stream.state !== "invalid" ? (
                <Button variant="secondary" size="sm" onClick={() => void act(() => api.setPaused(true))}>
                  <Pause aria-hidden className="size-4" /> Pause
                </Button>
              ) : null}
              <Button variant="secondary" size="sm" onClick={onEdit}>
                <Pencil aria-hidden className="size-4" /> Edit
              </Button>
              <Button variant="ghost" size="sm" onClick={() => setConfirming(true)}>
                <Trash2 aria-hidden className="size-4" /> Delete
              </Button>
            </div>
          ) : null}
        </div>
        <p className="mt-3 text-sm text-slate-800" data-testid="stream-reason">
          {stream.stateReason}
        </p>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Last successful delivery</dt>
            <dd className="font-medium text-slate-900">
              <Time value={stream.lastSyncedAt} withTime fallback="Not yet" />
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Delivered in the last 7 days</dt>
            <dd className="font-medium text-slate-900">{stream.deliveredLast7Days.toLocaleString("en-US")} events</dd>
          </div>
          <div>
            <dt className="text-slate-500">Credentials</dt>
            <dd className="font-medium text-slate-900">{stream.credential ?? "Assumed role"}</dd>
          </div>
        </dl>
        {problem ? (
          <div className="mt-4">
            <Alert title="That did not work">{problem}</Alert>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="failures-title" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="failures-title" className="text-base font-semibold text-slate-900">
          Recent failures
        </h2>
        {stream.recentFailures.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No failed deliveries.</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {stream.recentFailures.map((f) => (
              <li key={f.id} className="py-3 text-sm">
                <p className="font-medium text-slate-900">
                  <Time value={f.at} withTime /> · {f.statusCode ? `HTTP ${f.statusCode}` : f.error} · {f.events} event{f.events === 1 ? "" : "s"}
                </p>
                {f.responseBody ? (
                  <pre className="mt-1 max-h-24 overflow-auto rounded bg-slate-50 p-2 font-mono text-xs whitespace-pre-wrap break-all text-slate-700">
                    {f.responseBody}
                  </pre>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title="Delete this log stream?"
        description="Events stop going to this destination. Events already sent stay there."
      >
        <DialogActions>
          <AlertCancel asChild>
            <Button variant="secondary">Cancel</Button>
          </AlertCancel>
          <Button variant="danger" onClick={() => void act(async () => (await api.remove(), setConfirming(false)))}>
            Delete stream
          </Button>
        </DialogActions>
      </ConfirmDialog>
    </div>
  );
}
