"use client";

import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Time } from "@/components/ui/time";
import type { AuditLogEntity, AuditLogEvent } from "./types";

function MetadataList({ metadata }: { metadata?: Record<string, string | number | boolean> | null }) {
  const entries = Object.entries(metadata ?? {});
  if (!entries.length) return null;
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-mono text-slate-600">{k}</dt>
          <dd className="font-mono break-all text-slate-900">{String(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Entity({ title, entity }: { title: string; entity: AuditLogEntity }) {
  return (
    <section className="rounded-md border border-slate-200 p-3">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      <p className="mt-1 text-sm font-medium text-slate-900">{entity.name ?? entity.id}</p>
      <p className="text-xs text-slate-600">
        <Badge>{entity.type}</Badge> <span className="font-mono break-all">{entity.id}</span>
      </p>
      <MetadataList metadata={entity.metadata} />
    </section>
  );
}

/** The whole event, in a side panel over the table (full width on phones). */
export function EventDrawer({ event, onClose }: { event: AuditLogEvent | null; onClose: () => void }) {
  return (
    <Dialog.Root open={Boolean(event)} onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
        <Dialog.Content className="fixed inset-y-0 right-0 z-50 w-full max-w-lg overflow-y-auto bg-white p-5 shadow-xl focus:outline-none sm:p-6">
          {event ? (
            <>
              <Dialog.Title className="pr-8 font-mono text-lg font-semibold break-all text-slate-900">{event.action}</Dialog.Title>
              <Dialog.Description className="mt-1 text-sm text-slate-600">
                <Time value={event.occurredAt} withTime /> · from {event.context.location}
              </Dialog.Description>
              <div className="mt-4 space-y-3">
                <Entity title="Actor" entity={event.actor} />
                {event.targets.map((t, i) => (
                  <Entity key={`${t.id}-${i}`} title={`Target ${i + 1}`} entity={t} />
                ))}
                <section className="rounded-md border border-slate-200 p-3">
                  <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Context</h3>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                    <dt className="text-slate-600">Location</dt>
                    <dd className="font-mono">{event.context.location}</dd>
                    <dt className="text-slate-600">User agent</dt>
                    <dd className="font-mono break-all">{event.context.userAgent ?? "—"}</dd>
                    <dt className="text-slate-600">Event id</dt>
                    <dd className="font-mono break-all">{event.id}</dd>
                    <dt className="text-slate-600">Schema version</dt>
                    <dd className="font-mono">{event.version ?? "—"}</dd>
                  </dl>
                </section>
                {event.metadata && Object.keys(event.metadata).length ? (
                  <section className="rounded-md border border-slate-200 p-3">
                    <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Metadata</h3>
                    <MetadataList metadata={event.metadata} />
                  </section>
                ) : null}
                <details className="rounded-md border border-slate-200 p-3 text-sm">
                  <summary className="cursor-pointer font-medium text-slate-800">Raw JSON</summary>
                  <pre className="mt-2 overflow-x-auto text-xs text-slate-800">{JSON.stringify(event, null, 2)}</pre>
                </details>
              </div>
              <Dialog.Close
                aria-label="Close"
                className="absolute top-4 right-4 rounded-md p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <X aria-hidden className="size-5" />
              </Dialog.Close>
            </>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
