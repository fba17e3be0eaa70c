import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, webhookDeliveries, webhookEndpoints, type EventRow, type WebhookDeliveryRow, type WebhookEndpointRow } from "@/db/schema";
import { env } from "@/server/env";
import { newId } from "@/server/ids";
import type { BatchJobHandler, JobOutcome } from "@/server/jobs/runner";
import { postOutbound, type PostResult } from "@/server/net/outbound";
import { signingSecrets } from "./endpoints";
import { disableFailingEndpoint } from "./failing";
import { retryDelayMs, retryWindowMs } from "./schedule";
import { signatureHeader } from "./signature";

const DELIVERY_TIMEOUT_MS = 10_000;
const KEPT_RESPONSE_BYTES = 4096;

/** The body receivers get: the event as compact JSON, the bytes that are signed. */
export function deliveryBody(event: { id: string; event: string; data: unknown; created_at: string }): string {
  return JSON.stringify({ id: event.id, event: event.event, data: event.data, created_at: event.created_at });
}

function bodyOf(delivery: WebhookDeliveryRow, event: EventRow | null): string | null {
  if (delivery.testData) return JSON.stringify(delivery.testData);
  return event ? deliveryBody({ id: event.id, event: event.event, data: event.data, created_at: event.createdAt.toISOString() }) : null;
}

async function attempt(endpoint: WebhookEndpointRow, secrets: string[], body: string): Promise<Result> {
  const started = performance.now();
  try {
    const timestamp = Date.now();
    return await postOutbound(endpoint.endpointUrl, body, {
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Portico-Webhooks/1.0",
        "WorkOS-Signature": signatureHeader(secrets, timestamp, body),
      },
      timeoutMs: DELIVERY_TIMEOUT_MS,
      allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES,
      maxResponseBytes: KEPT_RESPONSE_BYTES,
    });
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}

/** Requests one batch keeps in flight to one endpoint; its deliveries start in the order their events were committed. */
const ENDPOINT_CONCURRENCY = 16;

type Found = { delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow; event: EventRow | null };
type Result = PostResult | { error: string; durationMs: number };
type Sent = { found: Found; result: Result; finished: Date };

/** A receiver's answer as text the database keeps: no NUL characters (one would fail the whole batch's write). */
const storable = (text: string) => text.replaceAll("\u0000", "\ufffd");

/** A receiver accepted a delivery when it answered 2xx. */
const accepted = (result: Result) => "status" in result && result.status >= 200 && result.status < 300;

/** The delivery's new state after one attempt, and what the job does next. */
function judge({ found, result, finished }: Sent) {
  const number = found.delivery.attempts + 1;
  const ok = accepted(result);
  const nextAt = ok ? null : new Date(finished.getTime() + retryDelayMs(number));
  const givingUp = !ok && nextAt!.getTime() - found.delivery.createdAt.getTime() > retryWindowMs();
  const outcome: JobOutcome = ok || givingUp ? { done: true } : { runAgainAt: nextAt! };
  const attemptRow = {
    id: newId("webhook_attempt"),
    delivery_id: found.delivery.id,
    attempt: number,
    status_code: "status" in result ? result.status : null,
    duration_ms: result.durationMs,
    error: "error" in result ? storable(result.error) : null,
    response_body: "body" in result ? storable(result.body) : null,
    created_at: finished.toISOString(),
  };
  const update: DeliveryUpdate = {
    id: found.delivery.id,
    attempts: number,
    state: ok ? "succeeded" : givingUp ? "failed" : "pending",
    next_attempt_at: ok || givingUp ? null : nextAt!.toISOString(),
    last_status_code: attemptRow.status_code,
    last_duration_ms: result.durationMs,
    last_error: attemptRow.error ?? (ok ? null : `HTTP ${(result as PostResult).status}`),
    last_response_body: attemptRow.response_body,
    delivered_at: ok ? finished.toISOString() : null,
    updated_at: finished.toISOString(),
  };
  return { ok, outcome, attemptRow, update };
}

interface DeliveryUpdate {
  id: string;
  attempts: number | null;
  state: "pending" | "succeeded" | "failed";
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  last_response_body: string | null;
  delivered_at: string | null;
  updated_at: string;
}

/** One endpoint's share of a batch: in commit order, at most ENDPOINT_CONCURRENCY at a time, signed once per secret. */
async function sendToEndpoint(endpoint: WebhookEndpointRow, items: { found: Found; body: string }[], now: Date): Promise<Sent[]> {
  items.sort((a, b) => a.found.delivery.createdAt.getTime() - b.found.delivery.createdAt.getTime() || a.found.delivery.id.localeCompare(b.found.delivery.id));
  let secrets: string[] | Error;
  try {
    secrets = signingSecrets(endpoint, now);
  } catch (error) {
    secrets = error as Error;
  }
  const sent: Sent[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      const result: Result = secrets instanceof Error ? { error: secrets.message.slice(0, 500), durationMs: 0 } : await attempt(endpoint, secrets, item.body);
      sent.push({ found: item.found, result, finished: new Date() });
    }
  };
  await Promise.all(Array.from({ length: Math.min(ENDPOINT_CONCURRENCY, items.length) }, worker));
  return sent;
}

/**
 * Webhook deliveries, many at once (the `webhook.deliver` jobs of one claim): one read for all of them, each
 * endpoint's share sent with bounded concurrency, then one statement recording every attempt and every
 * delivery's new state. A 2xx within 10 s is success; anything else schedules the next attempt with backoff
 * until the 3-day window is spent. The job queue's leases keep two instances from sending the same attempt.
 * Answers one outcome per id, in order.
 */
async function deliverWebhooks(db: Db, deliveryIds: string[], now: Date): Promise<JobOutcome[]> {
  const ids = [...new Set(deliveryIds.filter(Boolean))];
  const found: Found[] = ids.length
    ? await db
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .leftJoin(events, eq(events.id, webhookDeliveries.eventId))
        .where(inArray(webhookDeliveries.id, ids))
    : [];
  const updates: DeliveryUpdate[] = [];
  const groups = new Map<string, { endpoint: WebhookEndpointRow; items: { found: Found; body: string }[] }>();
  for (const item of found) {
    if (item.delivery.state !== "pending") continue;
    const body = bodyOf(item.delivery, item.event);
    if (item.endpoint.status !== "enabled" || body === null) {
      const reason = body === null ? "The event no longer exists (older than the retention period)." : "The endpoint is disabled.";
      updates.push({ ...unchanged(item.delivery), state: "failed", next_attempt_at: null, last_error: reason, updated_at: now.toISOString() });
      continue;
    }
    const group = groups.get(item.endpoint.id) ?? { endpoint: item.endpoint, items: [] };
    group.items.push({ found: item, body });
    groups.set(item.endpoint.id, group);
  }
  const sent = await Promise.all([...groups.values()].map((g) => sendToEndpoint(g.endpoint, g.items, now)));
  const outcomes = new Map<string, JobOutcome>();
  const attempts: ReturnType<typeof judge>["attemptRow"][] = [];
  for (const s of sent.flat()) {
    const judged = judge(s);
    outcomes.set(s.found.delivery.id, judged.outcome);
    attempts.push(judged.attemptRow);
    updates.push(judged.update);
  }
  await recordAttempts(db, attempts, updates);
  for (const [i, group] of [...groups.values()].entries()) await trackFailingRun(db, group.endpoint, sent[i]!);
  return deliveryIds.map((id) => outcomes.get(id) ?? { done: true });
}

/** The columns a delivery keeps when it fails without an attempt. */
function unchanged(delivery: WebhookDeliveryRow): Omit<DeliveryUpdate, "state" | "next_attempt_at" | "last_error" | "updated_at"> {
  return {
    id: delivery.id,
    attempts: delivery.attempts,
    last_status_code: delivery.lastStatusCode,
    last_duration_ms: delivery.lastDurationMs,
    last_response_body: delivery.lastResponseBody,
    delivered_at: null,
  };
}

/** One statement (one round trip) records every attempt of the batch and every delivery's new state together. */
async function recordAttempts(db: Db, attempts: unknown[], updates: DeliveryUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await db.execute(sql`with a as (
      insert into webhook_attempts (id, delivery_id, attempt, status_code, duration_ms, error, response_body, created_at)
      select x.id, x.delivery_id, x.attempt, x.status_code, x.duration_ms, x.error, x.response_body, x.created_at
      from jsonb_to_recordset(${JSON.stringify(attempts)}::jsonb)
        as x(id text, delivery_id text, attempt int, status_code int, duration_ms int, error text, response_body text, created_at timestamptz)
      returning 1
    )
    update webhook_deliveries d set attempts = x.attempts, state = x.state, next_attempt_at = x.next_attempt_at,
      last_status_code = x.last_status_code, last_duration_ms = x.last_duration_ms, last_error = x.last_error,
      last_response_body = x.last_response_body, delivered_at = x.delivered_at, updated_at = x.updated_at
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
      as x(id text, attempts int, state text, next_attempt_at timestamptz, last_status_code int, last_duration_ms int, last_error text,
        last_response_body text, delivered_at timestamptz, updated_at timestamptz)
    where d.id = x.id`);
}

/**
 * The endpoint's run of failures: it starts at the first failure and ends with any success (replayed here in the
 * order the attempts finished). An endpoint failing for the whole retry window is disabled.
 */
async function trackFailingRun(db: Db, endpoint: WebhookEndpointRow, sent: Sent[]): Promise<void> {
  let since = endpoint.failingSince;
  let lastFailure: Date | null = null;
  for (const s of [...sent].sort((a, b) => a.finished.getTime() - b.finished.getTime())) {
    if (accepted(s.result)) since = null;
    else {
      since ??= s.finished;
      lastFailure = s.finished;
    }
  }
  const before = endpoint.failingSince;
  if (since?.getTime() !== before?.getTime()) {
    // Setting the start of a run only where none is recorded keeps the earliest start another instance wrote.
    const where = since && !before ? and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)) : eq(webhookEndpoints.id, endpoint.id);
    await db.update(webhookEndpoints).set({ failingSince: since }).where(where);
  } else if (since && lastFailure && lastFailure.getTime() - since.getTime() >= retryWindowMs()) {
    await disableFailingEndpoint(db, endpoint.id, lastFailure);
  }
}

/** One delivery (the dashboard's tests and tools): the batch path with one id. */
export async function deliverWebhook(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const [outcome] = await deliverWebhooks(db, [String(payload.deliveryId ?? "")], now);
  return outcome!;
}

/** The job queue's handler for `webhook.deliver`: every claimed delivery of one poll as one batch. */
export const webhookDeliveryJobs: BatchJobHandler = {
  batch: (db, jobs, now) =>
    deliverWebhooks(
      db,
      jobs.map((job) => String(job.payload.deliveryId ?? "")),
      now,
    ),
};
