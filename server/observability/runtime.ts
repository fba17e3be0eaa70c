import { AsyncLocalStorage } from "node:async_hooks";

/**
 * State shared by the edge server (loaded through tsx) and the Next.js bundle, which load separate
 * copies of every module: only globalThis and Node's built-ins are common to both.
 */
export interface RequestNote {
  /** Filled in by the code that authenticates the request, read by the edge's request log line. */
  actor?: string;
  organizationId?: string;
}

export interface JobWorkerState {
  /** When the poller last finished a poll (or started), so /ready can tell a stuck worker. */
  lastPollAt: number;
  intervalMs: number;
  running: boolean;
  /** Stops polling and resolves once the job in hand has finished (or been handed back). */
  stop: () => Promise<void>;
}

interface Runtime {
  draining: boolean;
  requests: AsyncLocalStorage<RequestNote>;
  jobs?: JobWorkerState;
}

const holder = globalThis as { __porticoRuntime?: Runtime };
export const runtime: Runtime = (holder.__porticoRuntime ??= { draining: false, requests: new AsyncLocalStorage<RequestNote>() });

/** Records who is calling, for the request's log line; a no-op outside a request. */
export function noteRequestActor(actor: string, organizationId?: string | null): void {
  const note = runtime.requests.getStore();
  if (!note) return;
  note.actor = actor;
  if (organizationId) note.organizationId = organizationId;
}
