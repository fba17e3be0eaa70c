import "server-only";
import type { Db } from "@/db/client";
import type { JobRow } from "@/db/schema";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { runtime } from "@/server/observability/runtime";
import { claimDueJobs, failJob, finishJob, releaseJob, rescheduleJob } from "@/server/services/jobs/queue";

/** What a handler asks for next: nothing (done) or another run at a time of its choosing. */
export type JobOutcome = { done: true } | { runAgainAt: Date };
export type JobHandler = (db: Db, payload: Record<string, unknown>, now: Date) => Promise<JobOutcome>;

/**
 * Runs every due job once. The poller calls this on an interval in each app instance; tests call it
 * with a chosen clock. Unknown kinds fail (and retry) rather than vanish, so a newer instance can take them.
 * `stopping` is checked between jobs: claimed jobs not yet started go back to the queue for another instance.
 */
export async function runDueJobs(db: Db, handlers: Record<string, JobHandler>, now = new Date(), limit = 10, stopping = () => false): Promise<number> {
  const claimed = await claimDueJobs(db, now, limit);
  for (const job of claimed) {
    if (stopping()) await releaseJob(db, job.id, new Date());
    else await runOne(db, handlers, job, now);
  }
  return claimed.length;
}

async function runOne(db: Db, handlers: Record<string, JobHandler>, job: JobRow, now: Date) {
  const handler = handlers[job.kind];
  const started = performance.now();
  let outcome: "done" | "rescheduled" | "failed" = "failed";
  let failure: string | undefined;
  try {
    if (!handler) throw new Error(`No handler for job kind '${job.kind}'`);
    const result = await handler(db, job.payload, now);
    if ("runAgainAt" in result) {
      await rescheduleJob(db, job.id, result.runAgainAt, now);
      outcome = "rescheduled";
    } else {
      await finishJob(db, job.id, now);
      outcome = "done";
    }
  } catch (error) {
    failure = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    await failJob(db, job, error, now);
  }
  metrics().jobsRun.inc({ kind: job.kind, outcome });
  const line = { job: job.id, kind: job.kind, attempt: job.attempts, outcome, durationMs: Math.round(performance.now() - started) };
  if (failure) logger().warn({ ...line, error: failure }, "job failed");
  else logger().info(line, "job");
}

/** Starts polling, registered for /ready and for shutdown; returns the function that stops it. */
export function startJobPoller(db: Db, handlers: Record<string, JobHandler>, intervalMs: number): () => Promise<void> {
  let current: Promise<void> | null = null;
  let stopped = false;
  const poll = async () => {
    try {
      while (!stopped && (await runDueJobs(db, handlers, new Date(), 10, () => stopped)) > 0) {
        // Keep draining while there is work.
      }
    } catch (error) {
      logger().error({ error: (error as Error).message }, "job poll failed");
    } finally {
      state.lastPollAt = Date.now();
    }
  };
  const timer = setInterval(() => {
    if (current || stopped) return;
    current = poll().finally(() => (current = null));
  }, intervalMs);
  timer.unref();
  const state = {
    lastPollAt: Date.now(),
    intervalMs,
    running: true,
    stop: async () => {
      stopped = true;
      state.running = false;
      clearInterval(timer);
      await current;
    },
  };
  runtime.jobs = state;
  return state.stop;
}
