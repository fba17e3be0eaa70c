"use client";

import { ArrowRight, CheckCircle2 } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { Alert, Skeleton } from "@/components/ui/feedback";
import { type LogStreamApi, useDashboardLogStreamApi, usePortalLogStreamApi } from "./api";
import { StreamForm } from "./stream-form";
import { StreamStatus } from "./stream-status";

/** The organization's stream: its screen when there is one, the set-up form otherwise or while editing. */
function LogStreamManager({ api, successUrl, portal }: { api: LogStreamApi; successUrl?: string | null; portal: boolean }) {
  const [editing, setEditing] = useState(false);
  const [justSaved, setJustSaved] = useState(false);
  const { data: stream, isPending, error } = api.stream;
  if (isPending) return <Skeleton className="h-48 w-full" />;
  if (error) return <Alert title="Could not load the log stream">{error.message}</Alert>;
  if (!stream || editing) {
    if (!api.canEdit) return <p className="text-sm text-slate-600">This organization does not stream its audit log.</p>;
    return (
      <StreamForm
        api={api}
        saved={stream ?? null}
        onCancel={stream ? () => setEditing(false) : undefined}
        onSaved={() => {
          setEditing(false);
          setJustSaved(true);
        }}
      />
    );
  }
  return (
    <div className="space-y-5">
      {justSaved && portal ? (
        <section
          role="status"
          className="flex flex-col gap-4 rounded-xl border border-emerald-200 bg-emerald-50 p-5 sm:flex-row sm:items-center sm:justify-between"
        >
          <div className="flex gap-3">
            <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-700" />
            <div>
              <h2 className="font-semibold text-emerald-900">Your log stream is set up</h2>
              <p className="mt-0.5 text-sm text-emerald-900">New audit-log events are sent to it as they are recorded.</p>
            </div>
          </div>
          {successUrl ? (
            <a href={successUrl} className={buttonClass("primary")}>
              Finish <ArrowRight aria-hidden className="size-4" />
            </a>
          ) : (
            <Link href="/portal" className={buttonClass("secondary")}>
              Back to all features
            </Link>
          )}
        </section>
      ) : null}
      <StreamStatus api={api} stream={stream} onEdit={() => setEditing(true)} />
    </div>
  );
}

export function PortalLogStreams({ successUrl }: { successUrl: string | null }) {
  return <LogStreamManager api={usePortalLogStreamApi()} successUrl={successUrl} portal />;
}

export function DashboardLogStream({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  return <LogStreamManager api={useDashboardLogStreamApi(organizationId, canEdit)} portal={false} />;
}
