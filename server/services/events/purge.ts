import { and, eq, inArray, lt } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { events, jobs, webhookDeliveries } from "@/db/schema";
import { WEBHOOK_DELIVER_JOB } from "./record";
import type { JobOutcome } from "@/server/jobs/runner";
import { enqueueJob } from "@/server/services/jobs/queue";

/** Events are kept 90 days, as WorkOS keeps them. */
const EVENT_RETENTION_MS = 90 * 24 * 60 * 60_000;
export const PURGE_EVENTS_JOB = "events.purge";
const PURGE_EVERY_MS = 60 * 60_000;

/** One queued purge for the whole installation (the dedupe key), however many instances start. */
export async function schedulePurge(db: DbOrTx, runAt = new Date()): Promise<void> {
  await enqueueJob(db, { kind: PURGE_EVENTS_JOB, payload: {}, runAt, dedupeKey: PURGE_EVENTS_JOB });
}

/**
 * Deletes events past retention (their webhook deliveries go with them, and test deliveries of the same
 * age), and finished delivery jobs after a day (one is queued per delivery); then runs again in an hour.
 */
export async function purgeOldEvents(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const cutoff = new Date(now.getTime() - EVENT_RETENTION_MS);
  await db.delete(events).where(lt(events.createdAt, cutoff));
  await db.delete(webhookDeliveries).where(lt(webhookDeliveries.createdAt, cutoff));
  await db
    .delete(jobs)
    .where(and(eq(jobs.kind, WEBHOOK_DELIVER_JOB), inArray(jobs.state, ["done", "failed"]), lt(jobs.updatedAt, new Date(now.getTime() - 86_400_000))));
  return { runAgainAt: new Date(now.getTime() + PURGE_EVERY_MS) };
}
