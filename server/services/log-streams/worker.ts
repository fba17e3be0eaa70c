import { randomBytes } from "node:crypto";
import { and, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { logStreams, type LogStreamRow } from "@/db/schema";
import { env } from "@/server/env";
import { openCredentials } from "./credentials";
import { eventsAfterCursor } from "./events";
import { leaseMs, recordFailure, recordSuccess } from "./outcomes";
import { S3_BATCH_DEADLINE_MS } from "./s3";
import { SEND_TIMEOUT_MS, sendBatch } from "./send";

/** A destination's batch: Datadog and Splunk take 1,000 entries per request; S3 takes one PUT per event. */
export const BATCH_SIZE = 1000;
const S3_BATCH_SIZE = 200;
/** What a lease must still have left when a batch goes out, beyond the batch's longest send. */
const LEASE_MARGIN_MS = 5000;

/**
 * Claims streams that are due, each under a fresh lease token. `SKIP LOCKED` lets instances claim side by
 * side without waiting on each other; the lease keeps a claimed stream away from them until released.
 * `woken` names organizations announced to have new events: an active stream of one of them is claimed
 * before it is due when it sent nothing for a whole batch window (its new events go at once) or when a
 * full batch waits (it goes as soon as it is full).
 */
export async function claimDueStreams(db: Db, now: Date, limit: number, woken: readonly string[] = []): Promise<LogStreamRow[]> {
  if (limit <= 0) return [];
  const token = randomBytes(12).toString("base64url");
  const due = and(inArray(logStreams.state, ["active", "error"]), lte(logStreams.nextAttemptAt, now));
  const quietSince = new Date(now.getTime() - env().LOG_STREAM_BATCH_WINDOW_MS);
  const fullBatchWaiting = sql`exists (select 1 from audit_log_events e
    where e.organization_id = ${logStreams.organizationId}
      and (e.tx_id, e.seq) > (${logStreams.cursorTx}, ${logStreams.cursorSeq})
      and e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
    order by e.tx_id, e.seq
    offset (case when ${logStreams.kind} = 's3' then ${sql.raw(String(S3_BATCH_SIZE - 1))} else ${sql.raw(String(BATCH_SIZE - 1))} end) limit 1)`;
  const announced =
    woken.length > 0
      ? and(
          eq(logStreams.state, "active"),
          inArray(logStreams.organizationId, [...woken]),
          or(isNull(logStreams.lastSyncedAt), lte(logStreams.lastSyncedAt, quietSince), fullBatchWaiting),
        )
      : undefined;
  const claimable = db
    .select({ id: logStreams.id })
    .from(logStreams)
    .where(and(announced ? or(due, announced) : due, or(isNull(logStreams.leaseUntil), lt(logStreams.leaseUntil, now))))
    .orderBy(logStreams.nextAttemptAt)
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(logStreams)
    .set({ leaseToken: token, leaseUntil: new Date(now.getTime() + leaseMs()) })
    .where(inArray(logStreams.id, claimable))
    .returning();
}

/**
 * Sends a claimed stream's next batches, in order, until it is caught up, fails, or `stopping` says so.
 * The claim lets the first batch go whatever its size; after it, a batch goes as soon as it is full or its
 * oldest event has waited the batch window, and until then the stream is released to come back at that
 * moment (or sooner, when an announcement finds the batch full). Every acknowledgement moves the cursor
 * only while the lease is still this worker's: a worker that lost its lease (it stalled past it) changes
 * nothing, and its batch counts as unacknowledged. While a full batch is out, the next one is read
 * already: a stream that is behind spends its time sending. `nextAt` is when the stream is due again.
 */
export async function deliverClaimedStream(db: Db, claimed: LogStreamRow, stopping = () => false): Promise<{ delivered: number; nextAt: Date | null }> {
  let stream = claimed;
  let delivered = 0;
  const credentials = openCredentials(stream);
  const size = stream.kind === "s3" ? S3_BATCH_SIZE : BATCH_SIZE;
  const longestSendMs = stream.kind === "s3" ? S3_BATCH_DEADLINE_MS : SEND_TIMEOUT_MS;
  const windowMs = env().LOG_STREAM_BATCH_WINDOW_MS;
  let leaseUntil = stream.leaseUntil?.getTime() ?? 0;
  let readAt = Date.now();
  let batch = await eventsAfterCursor(db, stream, size);
  for (let first = true; ; first = false) {
    const waitMs = batch.length === 0 ? windowMs : first || batch.length === size ? 0 : windowMs - batch[0]!.waitedMs;
    if (waitMs > 0) {
      const nextAt = new Date(Date.now() + waitMs);
      await release(db, stream, nextAt);
      return { delivered, nextAt };
    }
    // A batch leaves only under a lease that outlasts it: once the lease runs out another instance may
    // send the same events, so a worker that stalled (a slow database, a paused process) renews it first.
    if (leaseUntil - Date.now() < longestSendMs + LEASE_MARGIN_MS) {
      const renewed = await renew(db, stream);
      if (!renewed) return { delivered, nextAt: null };
      leaseUntil = renewed;
    }
    const last = batch[batch.length - 1]!;
    const after = { cursorTx: last.txId, cursorSeq: last.seq };
    const full = batch.length === size;
    // Reading ahead changes nothing stored: if this batch fails, what was read is dropped.
    const aheadAt = Date.now();
    const ahead = full && !stopping() ? eventsAfterCursor(db, { ...stream, ...after }, size) : null;
    ahead?.catch(() => {});
    const outcome = await sendBatch(
      stream,
      credentials,
      batch.map((b) => b.event),
    );
    const now = new Date();
    if (!outcome.ok) {
      await recordFailure(db, stream, outcome, batch.length, now);
      return { delivered, nextAt: null };
    }
    // After a partial batch the stream is caught up: whatever came since was written after the batch was
    // read, so it is due a window from then (or when an announcement finds a full batch). A worker that
    // stops leaves the stream due at once, for another instance.
    const keepLease = ahead !== null && !stopping();
    const nextAt = new Date(full ? now.getTime() : Math.max(now.getTime(), readAt + windowMs));
    const kept = await recordSuccess(db, stream, { txId: last.txId, seq: last.seq }, batch.length, now, nextAt, keepLease);
    if (!kept) return { delivered, nextAt: null };
    delivered += batch.length;
    if (!keepLease) return { delivered, nextAt };
    leaseUntil = now.getTime() + leaseMs();
    stream = { ...stream, ...after };
    readAt = aheadAt;
    batch = await ahead!;
  }
}

async function release(db: Db, stream: LogStreamRow, nextAt: Date): Promise<void> {
  await db
    .update(logStreams)
    .set({ nextAttemptAt: nextAt, leaseToken: null, leaseUntil: null })
    .where(and(eq(logStreams.id, stream.id), eq(logStreams.leaseToken, stream.leaseToken ?? "")));
}

/** Extends the lease while it is still this worker's; the new end, or null when another instance holds the stream now. */
async function renew(db: Db, stream: LogStreamRow): Promise<number | null> {
  const now = Date.now();
  const until = new Date(now + leaseMs());
  const [row] = await db
    .update(logStreams)
    .set({ leaseUntil: until })
    .where(and(eq(logStreams.id, stream.id), eq(logStreams.leaseToken, stream.leaseToken ?? ""), gt(logStreams.leaseUntil, new Date(now))))
    .returning({ id: logStreams.id });
  return row ? until.getTime() : null;
}
