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
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, now = new Date(), limit = 50): Promise<number> {
  const claimed = await claimDueJobs(db, now, limit);
  // Claimed jobs are independent (each its own lease): a slow webhook receiver must not hold up the rest.
  await Promise.all(claimed.map((job) => runOne(db, handlers, job, now)));
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

export interface JobPoller {
  stop: () => void;
  /** Runs due jobs now instead of at the next tick (a committed job was announced). */
  wake: () => void;
}

/** Claim loops per instance: while one waits on a slow receiver, the others keep claiming due jobs. */
const WORKERS = 3;

/** Starts polling. `wake` lets a notification start a drain at once; a wake while all loops run makes them go round again. */
export function startJobPoller(db: Db, handlers: Record<string, JobHandler>, intervalMs: number): JobPoller {
  let running = 0;
  let again = false;
  const loop = async () => {
    running++;
    try {
      do {
        again = false;
        while ((await runDueJobs(db, handlers)) > 0) {
          // Keep draining while there is work.
        }
      } while (again);
    } catch (error) {
      console.error(`[jobs] poll failed: ${(error as Error).message}`);
    } finally {
      running--;
    }
  };
  const drain = () => {
    again = true;
    while (running < WORKERS) void loop();
  };
  const timer = setInterval(drain, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), wake: drain };
}
