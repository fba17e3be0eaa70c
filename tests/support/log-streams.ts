import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLogEvents, logStreams } from "@/db/schema";
import { insertAuditLogEvent } from "@/server/services/audit-logs/ingest";
import { claimDueStreams, deliverClaimedStream } from "@/server/services/log-streams";
import { eventsAfterCursor } from "@/server/services/log-streams/events";

let counter = 0;

/** Records `count` audit-log events for the organization, each in its own transaction, as the API does. */
export async function recordEvents(db: Db, organizationId: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    counter++;
    await insertAuditLogEvent(db, {
      organizationId,
      action: "user.signed_in",
      occurredAt: new Date(Date.now() - 1000 + (counter % 1000)),
      actor: { id: `user_${counter}`, type: "user", name: `User ${counter}` },
      targets: [{ id: "team_1", type: "team" }],
      location: "203.0.113.7",
      userAgent: counter % 2 ? "Mozilla/5.0" : null,
      metadata: counter % 3 ? { n: counter } : null,
    });
  }
}

/** The organization's events as a stream sends them, in the stream's order. */
export async function storedEvents(db: Db, organizationId: string) {
  const all = await eventsAfterCursor(db, { organizationId, cursorTx: "0", cursorSeq: 0 }, 1_000_000);
  return all.map((p) => p.event);
}

export async function storedIds(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: auditLogEvents.id })
    .from(auditLogEvents)
    .where(eq(auditLogEvents.organizationId, organizationId))
    .orderBy(asc(auditLogEvents.txId), asc(auditLogEvents.seq));
  return rows.map((r) => r.id);
}

/** Whether any event lies past the cursor, visible to a stream yet or not (an older transaction elsewhere may still hold it back). */
async function hasPending(db: Db, stream: typeof logStreams.$inferSelect): Promise<boolean> {
  const [row] = await db
    .select({ id: auditLogEvents.id })
    .from(auditLogEvents)
    .where(
      and(
        eq(auditLogEvents.organizationId, stream.organizationId),
        sql`(${auditLogEvents.txId}, ${auditLogEvents.seq}) > (${stream.cursorTx}::xid8, ${stream.cursorSeq}::bigint)`,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Runs the delivery worker until the organization's stream has nothing left to send. `ignoreWaits` claims
 * as if its retry time had come, so a test of many failures need not sit through the backoff.
 */
export async function deliverAll(db: Db, organizationId: string, options: { ignoreWaits?: boolean; maxRounds?: number } = {}): Promise<number> {
  let rounds = 0;
  for (; rounds < (options.maxRounds ?? 10_000); rounds++) {
    const [stream] = await db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId));
    if (!stream || stream.state === "invalid" || stream.state === "inactive") return rounds;
    if (!(await hasPending(db, stream))) return rounds;
    const now = options.ignoreWaits ? new Date(Date.now() + 3_600_000) : new Date();
    const claimed = await claimDueStreams(db, now, 10);
    if (claimed.length === 0) await new Promise((r) => setTimeout(r, 25));
    for (const s of claimed) await deliverClaimedStream(db, s);
  }
  return rounds;
}

/** Waits until the stream can see an event past its cursor (on a shared Postgres, others' open transactions hold it back for a moment). */
export async function waitUntilVisible(db: Db, organizationId: string, count = 1, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [stream] = await db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId));
    if (stream && (await eventsAfterCursor(db, stream, count)).length >= count) return;
    if (Date.now() > deadline) throw new Error("No event became visible to the stream");
    await new Promise((r) => setTimeout(r, 25));
  }
}
