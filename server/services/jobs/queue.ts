import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobs, type JobRow } from "@/db/schema";
import { newId } from "@/server/ids";
import { execRows } from "@/server/services/sql";

export const JOB_LEASE_MS = 5 * 60_000;

/** Schedules a job. With a dedupe key, an existing queued job of that key is moved to the new time instead. */
export async function enqueueJob(
  db: DbOrTx,
  input: { kind: string; payload: Record<string, unknown>; runAt?: Date; dedupeKey?: string; maxAttempts?: number },
): Promise<void> {
  const runAt = input.runAt ?? new Date();
  await db
    .insert(jobs)
    .values({ id: newId("job"), kind: input.kind, payload: input.payload, runAt, dedupeKey: input.dedupeKey ?? null, maxAttempts: input.maxAttempts ?? 8 })
    .onConflictDoUpdate({
      target: jobs.dedupeKey,
      set: { runAt, state: "queued", attempts: 0, payload: input.payload, lastError: null, updatedAt: new Date() },
      // A running job keeps its lease; it reschedules itself when it finishes.
      setWhere: sql`${jobs.state} <> 'running'`,
    });
}

/**
 * Claims up to `limit` due jobs for this worker. `FOR UPDATE SKIP LOCKED` lets several instances
 * claim at once without taking the same job; an expired lease (a worker that died) is claimable again.
 */
export async function claimDueJobs(db: DbOrTx, now: Date, limit: number): Promise<JobRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(or(and(eq(jobs.state, "queued"), lte(jobs.runAt, now)), and(eq(jobs.state, "running"), lte(jobs.lockedUntil, now))))
      .orderBy(jobs.runAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    // gen_random_uuid() is evaluated per row: each claimed job gets its own lease token.
    return tx
      .update(jobs)
      .set({
        state: "running",
        lockedUntil: new Date(now.getTime() + JOB_LEASE_MS),
        leaseToken: sql`gen_random_uuid()::text`,
        attempts: sql`${jobs.attempts} + 1`,
        updatedAt: now,
      })
      .where(
        inArray(
          jobs.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
  });
}

/** What a worker holds while it runs a job: the claim it made, identified by its lease token. */
type JobLease = Pick<JobRow, "id" | "leaseToken">;

/**
 * Only the holder of the current claim may write the job's outcome. A worker whose lease ran out
 * (a slow handler, a paused process) and whose job another worker has claimed since gets `false`:
 * its result is dropped, and the other worker's claim stays as it is.
 */
function heldBy(lease: JobLease) {
  return and(eq(jobs.id, lease.id), eq(jobs.state, "running"), lease.leaseToken ? eq(jobs.leaseToken, lease.leaseToken) : sql`false`);
}

export async function finishJob(db: DbOrTx, lease: JobLease, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: "done", lockedUntil: null, leaseToken: null, updatedAt: now })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** A job that wants to run again later (a periodic re-check), without counting as a failure. */
export async function rescheduleJob(db: DbOrTx, lease: JobLease, runAt: Date, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ state: "queued", runAt, attempts: 0, lockedUntil: null, leaseToken: null, lastError: null, updatedAt: now })
    .where(heldBy(lease))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Retries with exponential backoff (10 s, 20 s, 40 s ... capped at an hour) until attempts run out. */
export async function failJob(db: DbOrTx, job: JobLease & Pick<JobRow, "attempts" | "maxAttempts">, error: unknown, now: Date): Promise<boolean> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const outcome =
    job.attempts >= job.maxAttempts
      ? { state: "failed" as const }
      : { state: "queued" as const, runAt: new Date(now.getTime() + Math.min(3_600_000, 10_000 * 2 ** (job.attempts - 1))) };
  const rows = await db
    .update(jobs)
    .set({ ...outcome, lockedUntil: null, leaseToken: null, lastError: message, updatedAt: now })
    .where(heldBy(job))
    .returning({ id: jobs.id });
  return rows.length === 1;
}

/** Hands a claimed job that never started back to the queue (an instance shutting down), as if never claimed. */
export async function releaseJob(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ state: "queued", lockedUntil: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)`, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")));
}

/**
 * Records the outcomes of many claimed jobs in one statement (a batch handler's jobs): done, or queued again
 * at the time asked for. As for `finishJob`, only the holder of each claim may write it: returns the ids written.
 */
export async function settleJobs(db: DbOrTx, settled: { lease: JobLease; runAgainAt: Date | null }[], now: Date): Promise<Set<string>> {
  if (settled.length === 0) return new Set();
  const rows = settled.map(({ lease, runAgainAt }) => ({ id: lease.id, lease_token: lease.leaseToken, run_at: runAgainAt?.toISOString() ?? null }));
  const written = await execRows<{ id: string }>(
    db,
    sql`update jobs set
        state = case when x.run_at is null then 'done' else 'queued' end,
        run_at = coalesce(x.run_at, jobs.run_at),
        attempts = case when x.run_at is null then jobs.attempts else 0 end,
        last_error = case when x.run_at is null then jobs.last_error else null end,
        locked_until = null, lease_token = null, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id text, lease_token text, run_at timestamptz)
      where jobs.id = x.id and jobs.state = 'running' and jobs.lease_token = x.lease_token
      returning jobs.id`,
  );
  return new Set(written.map((r) => r.id));
}
