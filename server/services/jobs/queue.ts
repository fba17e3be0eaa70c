import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { jobs, type JobRow } from "@/db/schema";
import { newId } from "@/server/ids";

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
    return tx
      .update(jobs)
      .set({ state: "running", lockedUntil: new Date(now.getTime() + JOB_LEASE_MS), attempts: sql`${jobs.attempts} + 1`, updatedAt: now })
      .where(inArray(jobs.id, due.map((d) => d.id)))
      .returning();
  });
}

export async function finishJob(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(jobs).set({ state: "done", lockedUntil: null, updatedAt: now }).where(eq(jobs.id, id));
}

/** A job that wants to run again later (a periodic re-check), without counting as a failure. */
export async function rescheduleJob(db: DbOrTx, id: string, runAt: Date, now: Date): Promise<void> {
  await db.update(jobs).set({ state: "queued", runAt, attempts: 0, lockedUntil: null, lastError: null, updatedAt: now }).where(eq(jobs.id, id));
}

/** Retries with exponential backoff (10 s, 20 s, 40 s ... capped at an hour) until attempts run out. */
export async function failJob(db: DbOrTx, job: JobRow, error: unknown, now: Date): Promise<void> {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  if (job.attempts >= job.maxAttempts) {
    await db.update(jobs).set({ state: "failed", lockedUntil: null, lastError: message, updatedAt: now }).where(eq(jobs.id, job.id));
    return;
  }
  const delay = Math.min(3_600_000, 10_000 * 2 ** (job.attempts - 1));
  await db
    .update(jobs)
    .set({ state: "queued", runAt: new Date(now.getTime() + delay), lockedUntil: null, lastError: message, updatedAt: now })
    .where(eq(jobs.id, job.id));
}

/** Hands a claimed job that never started back to the queue (an instance shutting down), as if never claimed. */
export async function releaseJob(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db
    .update(jobs)
    .set({ state: "queued", lockedUntil: null, attempts: sql`greatest(${jobs.attempts} - 1, 0)`, updatedAt: now })
    .where(and(eq(jobs.id, id), eq(jobs.state, "running")));
}
