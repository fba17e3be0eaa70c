import "server-only";
import type { Db } from "@/db/client";
import type { JobRow } from "@/db/schema";
import { claimDueJobs, failJob, finishJob, rescheduleJob } from "@/server/services/jobs/queue";

/** What a handler asks for next: nothing (done) or another run at a time of its choosing. */
export type JobOutcome = { done: true } | { runAgainAt: Date };
export type JobHandler = (db: Db, payload: Record<string, unknown>, now: Date) => Promise<JobOutcome>;

/**
 * Runs every due job once. The poller calls this on an interval in each app instance; tests call it
 * with a chosen clock. Unknown kinds fail (and retry) rather than vanish, so a newer instance can take them.
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, now = new Date(), limit = 10): Promise<number> {
  const claimed = await claimDueJobs(db, now, limit);
  for (const job of claimed) await runOne(db, handlers, job, now);
  return claimed.length;
}

async function runOne(db: Db, handlers: Record<string, JobHandler>, job: JobRow, now: Date) {
  const handler = handlers[job.kind];
  let recorded: boolean;
  try {
    if (!handler) throw new Error(`No handler for job kind '${job.kind}'`);
    const outcome = await handler(db, job.payload, now);
    recorded = "runAgainAt" in outcome ? await rescheduleJob(db, job, outcome.runAgainAt, now) : await finishJob(db, job, now);
  } catch (error) {
    recorded = await failJob(db, job, error, now);
  }
  // The run outlived its lease and another worker claimed the job: that worker's claim stands.
  if (!recorded) console.error(`[jobs] ${job.kind} ${job.id}: lease lost before the run finished; its outcome was not recorded`);
}

/** Starts polling; returns the function that stops it. */
export function startJobPoller(db: Db, handlers: Record<string, JobHandler>, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      while ((await runDueJobs(db, handlers)) > 0) {
        // Keep draining while there is work.
      }
    } catch (error) {
      console.error(`[jobs] poll failed: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
