import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { events, webhookAttempts, webhookDeliveries } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { notifyJobWorkers, WEBHOOK_DELIVER_JOB } from "@/server/services/events/record";
import { enqueueJob } from "@/server/services/jobs/queue";
import { parseInput } from "@/server/services/validate";
import { eventNames } from "@/server/wire/events";
import { deliveryBody } from "./deliver";
import { findEndpoint } from "./endpoints";
import { samplePayloads } from "./samples";

/** How much of a request or response body the dashboard shows. */
const SHOWN_BYTES = 2048;
const clip = (text: string | null) => (text === null || text.length <= SHOWN_BYTES ? text : `${text.slice(0, SHOWN_BYTES)}…`);

const listSchema = z.object({
  endpointId: z.string().min(1).max(100),
  before: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

/** An endpoint's recent deliveries, newest first, each with its attempts and the request it sends. */
export async function listDeliveries(ctx: ServiceContext, input: z.input<typeof listSchema>) {
  requireRole(ctx, "viewer");
  const params = parseInput(listSchema, input);
  await findEndpoint(ctx.db, params.endpointId);
  const rows = await ctx.db
    .select({ delivery: webhookDeliveries, event: events })
    .from(webhookDeliveries)
    .leftJoin(events, eq(events.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.endpointId, params.endpointId), params.before ? lt(webhookDeliveries.id, params.before) : undefined))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(params.limit + 1);
  const page = rows.slice(0, params.limit);
  const attempts = page.length
    ? await ctx.db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            page.map((r) => r.delivery.id),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  return {
    deliveries: page.map(({ delivery, event }) => ({
      id: delivery.id,
      event: delivery.event,
      eventId: event?.id ?? (delivery.testData?.id as string | undefined) ?? null,
      test: delivery.testData !== null,
      state: delivery.state,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastDurationMs: delivery.lastDurationMs,
      lastError: delivery.lastError,
      nextAttemptAt: delivery.nextAttemptAt,
      deliveredAt: delivery.deliveredAt,
      createdAt: delivery.createdAt,
      requestBody: clip(
        delivery.testData
          ? JSON.stringify(delivery.testData)
          : event
            ? deliveryBody({ id: event.id, event: event.event, data: event.data, created_at: event.createdAt.toISOString() })
            : null,
      ),
      responseBody: clip(delivery.lastResponseBody),
      history: attempts
        .filter((a) => a.deliveryId === delivery.id)
        .map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, durationMs: a.durationMs, error: a.error, at: a.createdAt })),
    })),
    nextCursor: rows.length > params.limit ? page.at(-1)!.delivery.id : null,
  };
}

async function queueDelivery(
  ctx: ServiceContext,
  values: { endpointId: string; event: string; eventId: string | null; testData: Record<string, unknown> | null },
) {
  const now = nowOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({ id: newId("delivery"), ...values, state: "pending", attempts: 0, nextAttemptAt: now, createdAt: now, updatedAt: now })
      .returning();
    await enqueueJob(tx, { kind: WEBHOOK_DELIVER_JOB, payload: { deliveryId: row!.id }, runAt: now, maxAttempts: 20 });
    await notifyJobWorkers(tx);
    return { id: row!.id };
  });
}

/** "Resend": the same event (same id, so receivers can dedupe) as a new delivery with its own attempts. */
export async function resendDelivery(ctx: ServiceContext, deliveryId: string) {
  requireRole(ctx, "admin");
  const [delivery] = await ctx.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!delivery) throw new NotFoundError("webhook delivery", deliveryId);
  const endpoint = await findEndpoint(ctx.db, delivery.endpointId);
  return queueDelivery(ctx, { endpointId: endpoint.id, event: delivery.event, eventId: delivery.eventId, testData: delivery.testData });
}

const testSchema = z.object({ endpointId: z.string().min(1).max(100), event: z.enum(eventNames, { error: "choose an event type" }) });

/** "Send test event": a sample payload of that type, signed and retried like any delivery, not in the event log. */
export async function sendTestEvent(ctx: ServiceContext, input: z.input<typeof testSchema>) {
  requireRole(ctx, "admin");
  const params = parseInput(testSchema, input);
  const endpoint = await findEndpoint(ctx.db, params.endpointId);
  const testData = { id: newId("event"), event: params.event, data: samplePayloads[params.event], created_at: nowOf(ctx).toISOString() };
  return queueDelivery(ctx, { endpointId: endpoint.id, event: params.event, eventId: null, testData });
}
