import { and, desc, eq, notInArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { env } from "@/server/env";
import { logStreamDailyCounts, logStreamFailures, logStreams, type LogStreamRow } from "@/db/schema";
import { newId } from "@/server/ids";
import { execRows } from "@/server/services/sql";
import type { SendOutcome } from "./send";

const KEPT_FAILURES = 20;
/**
 * How long a claim holds a stream (LOG_STREAM_LEASE_MS, 2 minutes unless set). A worker killed mid-batch
 * leaves the stream to another instance once this runs out, which then sends the unacknowledged batch again.
 */
export const leaseMs = () => env().LOG_STREAM_LEASE_MS;
const FIRST_RETRY_MS = 1000;
const LONGEST_RETRY_MS = 5 * 60_000;

/** 1 s, 2 s, 4 s … up to 5 minutes, ±20% so streams failing together do not retry together. */
function backoffMs(failures: number, random = Math.random): number {
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** The stream's state after a failed attempt, in words an IT admin can act on. */
export function reasonOf(outcome: Extract<SendOutcome, { ok: false }>, waitMs: number): string {
  const wait = `Portico tries again in ${Math.max(1, Math.round(waitMs / 1000))} s.`;
  if (outcome.refused)
    return `The destination refused Portico's credentials (HTTP ${outcome.status}). Check the key or token, then edit and save the stream to resume it.`;
  if (outcome.status === 429) return `The destination asked Portico to slow down (HTTP 429). ${wait}`;
  if (outcome.status && outcome.status >= 500) return `The destination failed to take the events (HTTP ${outcome.status}). ${wait}`;
  if (outcome.status) return `The destination rejected the events (HTTP ${outcome.status}). ${wait}`;
  return `Portico could not reach the destination: ${outcome.error}. ${wait}`;
}

const heldBy = (stream: LogStreamRow) => and(eq(logStreams.id, stream.id), eq(logStreams.leaseToken, stream.leaseToken ?? ""));

/**
 * Moves the cursor past an acknowledged batch and counts it, in one statement; false when the lease was
 * lost meanwhile (then nothing changes).
 */
export async function recordSuccess(
  db: Db,
  stream: LogStreamRow,
  cursor: { txId: string; seq: number },
  count: number,
  now: Date,
  nextAt: Date,
  keepLease: boolean,
): Promise<boolean> {
  const leaseUntil = keepLease ? new Date(now.getTime() + leaseMs()) : null;
  const [row] = await execRows<{ kept: number }>(
    db,
    sql`with moved as (
        update ${logStreams} set
          cursor_tx = ${cursor.txId}::xid8,
          cursor_seq = ${cursor.seq},
          -- A pause (or edit) made while the batch was out stands.
          state = case when state = 'error' then 'active' else state end,
          state_reason = case when state = 'error' then null else state_reason end,
          failures = 0,
          last_synced_at = ${now.toISOString()}::timestamptz,
          next_attempt_at = ${nextAt.toISOString()}::timestamptz,
          lease_token = ${keepLease ? stream.leaseToken : null},
          lease_until = ${leaseUntil ? leaseUntil.toISOString() : null}::timestamptz,
          updated_at = ${now.toISOString()}::timestamptz
        where id = ${stream.id} and lease_token = ${stream.leaseToken ?? ""}
        returning id
      ), counted as (
        insert into ${logStreamDailyCounts} (stream_id, day, delivered)
        select id, ${now.toISOString().slice(0, 10)}::date, ${count} from moved
        on conflict (stream_id, day) do update set delivered = ${logStreamDailyCounts}.delivered + excluded.delivered
        returning 1
      )
      select (select count(*) from moved)::int as kept`,
  );
  return Number(row?.kept ?? 0) > 0;
}

/** Records a failed batch: `error` and a retry with backoff (or the destination's `Retry-After`), or `invalid` on 401/403. */
export async function recordFailure(db: Db, stream: LogStreamRow, outcome: Extract<SendOutcome, { ok: false }>, count: number, now: Date): Promise<void> {
  const failures = stream.failures + 1;
  const waitMs = outcome.retryAfterMs ?? backoffMs(failures);
  const state = outcome.refused ? "invalid" : "error";
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(logStreams)
      .set({
        state: sql`case when ${logStreams.state} in ('active', 'error') then ${state} else ${logStreams.state} end`,
        stateReason: sql`case when ${logStreams.state} in ('active', 'error') then ${reasonOf(outcome, waitMs)} else ${logStreams.stateReason} end`,
        failures,
        nextAttemptAt: new Date(now.getTime() + waitMs),
        leaseToken: null,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(heldBy(stream))
      .returning({ id: logStreams.id });
    if (updated.length === 0) return;
    await tx.insert(logStreamFailures).values({
      id: newId("log_stream_failure"),
      organizationId: stream.organizationId,
      streamId: stream.id,
      statusCode: outcome.status,
      error: outcome.error,
      responseBody: outcome.body,
      events: count,
      createdAt: now,
    });
    const kept = tx
      .select({ id: logStreamFailures.id })
      .from(logStreamFailures)
      .where(and(eq(logStreamFailures.organizationId, stream.organizationId), eq(logStreamFailures.streamId, stream.id)))
      .orderBy(desc(logStreamFailures.createdAt), desc(logStreamFailures.id))
      .limit(KEPT_FAILURES);
    await tx
      .delete(logStreamFailures)
      .where(
        and(eq(logStreamFailures.organizationId, stream.organizationId), eq(logStreamFailures.streamId, stream.id), notInArray(logStreamFailures.id, kept)),
      );
  });
}
