import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints, type EventRow, type WebhookDeliveryRow, type WebhookEndpointRow } from "@/db/schema";
import { env } from "@/server/env";
import { newId } from "@/server/ids";
import type { JobOutcome } from "@/server/jobs/runner";
import { postOutbound, type PostResult } from "@/server/net/outbound";
import { signingSecrets } from "./endpoints";
import { disableFailingEndpoint } from "./failing";
import { retryDelayMs, retryWindowMs } from "./schedule";
import { signatureHeader } from "./signature";

export const DELIVERY_TIMEOUT_MS = 10_000;
const KEPT_RESPONSE_BYTES = 4096;

/** The body receivers get: the event as compact JSON, the bytes that are signed. */
export function deliveryBody(event: { id: string; event: string; data: unknown; created_at: string }): string {
  return JSON.stringify({ id: event.id, event: event.event, data: event.data, created_at: event.created_at });
}

function bodyOf(delivery: WebhookDeliveryRow, event: EventRow | null): string | null {
  if (delivery.testData) return JSON.stringify(delivery.testData);
  return event ? deliveryBody({ id: event.id, event: event.event, data: event.data, created_at: event.createdAt.toISOString() }) : null;
}

async function attempt(endpoint: WebhookEndpointRow, body: string, now: Date): Promise<PostResult | { error: string; durationMs: number }> {
  const started = performance.now();
  try {
    const timestamp = Date.now();
    return await postOutbound(endpoint.endpointUrl, body, {
      headers: {
        "Content-Type": "application/json",
        "User-Agent": "Portico-Webhooks/1.0",
        "WorkOS-Signature": signatureHeader(signingSecrets(endpoint, now), timestamp, body),
      },
      timeoutMs: DELIVERY_TIMEOUT_MS,
      allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES,
      maxResponseBytes: KEPT_RESPONSE_BYTES,
    });
  } catch (error) {
    return { error: (error as Error).message.slice(0, 500), durationMs: Math.round(performance.now() - started) };
  }
}

/**
 * The `webhook.deliver` job: one attempt of one delivery. A 2xx is success; anything else (or no
 * answer within 10 s) schedules the next attempt with backoff, until the 3-day window is spent.
 * The job queue's lease keeps two instances from sending the same attempt.
 */
export async function deliverWebhook(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const [found] = await db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints, event: events })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .leftJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(eq(webhookDeliveries.id, String(payload.deliveryId ?? "")));
  if (found?.delivery.state !== "pending") return { done: true };
  const { delivery, endpoint } = found;
  const body = bodyOf(delivery, found.event);
  if (endpoint.status !== "enabled" || body === null) {
    const reason = body === null ? "The event no longer exists (older than the retention period)." : "The endpoint is disabled.";
    await db
      .update(webhookDeliveries)
      .set({ state: "failed", nextAttemptAt: null, lastError: reason, updatedAt: now })
      .where(eq(webhookDeliveries.id, delivery.id));
    return { done: true };
  }
  const number = delivery.attempts + 1;
  const result = await attempt(endpoint, body, now);
  const finished = new Date();
  const ok = "status" in result && result.status >= 200 && result.status < 300;
  const nextAt = ok ? null : new Date(finished.getTime() + retryDelayMs(number));
  const givingUp = !ok && nextAt!.getTime() - delivery.createdAt.getTime() > retryWindowMs();
  const recordAttempt = db.insert(webhookAttempts).values({
    id: newId("webhook_attempt"),
    deliveryId: delivery.id,
    attempt: number,
    statusCode: "status" in result ? result.status : null,
    durationMs: result.durationMs,
    error: "error" in result ? result.error : null,
    responseBody: "body" in result ? result.body : null,
    createdAt: finished,
  });
  const updateDelivery = db
    .update(webhookDeliveries)
    .set({
      attempts: number,
      state: ok ? "succeeded" : givingUp ? "failed" : "pending",
      nextAttemptAt: ok || givingUp ? null : nextAt,
      lastStatusCode: "status" in result ? result.status : null,
      lastDurationMs: result.durationMs,
      lastError: "error" in result ? result.error : ok ? null : `HTTP ${(result as PostResult).status}`,
      lastResponseBody: "body" in result ? result.body : null,
      deliveredAt: ok ? finished : null,
      updatedAt: finished,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  // One statement (one round trip) records the attempt and the delivery's new state together.
  await db.execute(sql`with a as (${recordAttempt.getSQL()}) ${updateDelivery.getSQL()}`);
  // The endpoint's run of failures: it starts at the first failure and ends with any success.
  if (ok && endpoint.failingSince) await db.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
  if (!ok && !endpoint.failingSince)
    await db
      .update(webhookEndpoints)
      .set({ failingSince: finished })
      .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
  if (ok) return { done: true };
  if (endpoint.failingSince && finished.getTime() - endpoint.failingSince.getTime() >= retryWindowMs()) await disableFailingEndpoint(db, endpoint.id, finished);
  return givingUp ? { done: true } : { runAgainAt: nextAt! };
}
