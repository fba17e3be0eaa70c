import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { metrics } from "../observability/metrics";
import { runtime, type RequestNote } from "../observability/runtime";
import type { RouteMatcher } from "./route-template";

/** Probes and static assets are polled or fetched constantly: their lines are debug, not info. */
const quietRoutes = new Set(["/health", "/ready", "/metrics", "/_next"]);

/**
 * Runs one request inside its note (the app fills in who called), then records one metric sample and
 * one log line when the response ends. Only the route template is logged, never the path or query:
 * paths carry link tokens (/portal/launch/[token]) and queries carry codes.
 */
export function observeRequest(req: IncomingMessage, res: ServerResponse, route: RouteMatcher, log: Logger, handle: () => Promise<void>): Promise<void> {
  const started = performance.now();
  const note: RequestNote = {};
  if (runtime.draining) res.setHeader("Connection", "close");
  res.once("close", () => {
    const seconds = (performance.now() - started) / 1000;
    const template = route((req.url ?? "/").split("?")[0]!);
    const status = res.writableFinished ? res.statusCode : 499;
    metrics().httpRequests.observe({ method: req.method ?? "GET", route: template, status: String(status) }, seconds);
    const level = status >= 500 ? "error" : quietRoutes.has(template) ? "debug" : "info";
    if (!log.isLevelEnabled(level)) return;
    log[level](
      {
        requestId: req.headers["x-request-id"],
        method: req.method,
        route: template,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        actor: note.actor,
        organizationId: note.organizationId,
      },
      "request",
    );
  });
  return runtime.requests.run(note, handle);
}

/** Closes the process's database (and so releases the embedded database's lock file), if it was opened. */
export async function closeDatabase(): Promise<void> {
  const holder = (globalThis as { __porticoDb?: { promise?: Promise<{ close: () => Promise<void> }> } }).__porticoDb;
  const pending = holder?.promise;
  if (!holder || !pending) return;
  holder.promise = undefined;
  const handle = await pending.catch(() => null);
  await handle?.close();
}
