import "server-only";
import type { Db } from "@/db/client";
import type { JobRow } from "@/db/schema";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { runtime } from "@/server/observability/runtime";
import { claimDueJobs, failJob, finishJob, releaseJob, rescheduleJob, settleJobs } from "@/server/services/jobs/queue";

/** What a handler asks for next: nothing (done) or another run at a time of its choosing. */
export type JobOutcome = { done: true } | { runAgainAt: Date };
export type JobHandler = (db: Db, payload: Record<string, unknown>, now: Date) => Promise<JobOutcome>;
/**
 * A kind whose jobs are better run together (webhook deliveries: one read and one write for the lot): gets every
 * claimed job of its kind at once and answers one outcome per job, in the same order.
 */
export interface BatchJobHandler {
  batch: (db: Db, jobs: JobRow[], now: Date) => Promise<JobOutcome[]>;
}
export type JobHandlers = Record<string, JobHandler | BatchJobHandler>;

/**
 * Runs every due job once. The poller calls this on an interval in each app instance; tests call it
 * with a chosen clock. Unknown kinds fail (and retry) rather than vanish, so a newer instance can take them.
 * `stopping` is checked between jobs: claimed jobs not yet started go back to the queue for another instance.
 */
export async function runDueJobs(db: Db, handlers: JobHandlers, now = new Date(), limit = 50, stopping = () => false, parallel = true): Promise<number> {
  const claimed = await claimDueJobs(db, now, limit);
  const batches = new Map<BatchJobHandler, JobRow[]>();
  const single: JobRow[] = [];
  for (const job of claimed) {
    const handler = handlers[job.kind];
    if (handler && "batch" in handler) batches.set(handler, [...(batches.get(handler) ?? []), job]);
    else single.push(job);
  }
  const run = (job: JobRow) => (stopping() ? releaseJob(db, job.id, new Date()) : runOne(db, handlers, job, now));
  const runBatch = ([handler, jobs]: [BatchJobHandler, JobRow[]]) =>
    stopping() ? Promise.all(jobs.map((job) => releaseJob(db, job.id, new Date()))).then(() => {}) : runBatchOf(db, handler, jobs, now);
  // Claimed jobs are independent (each its own lease): a slow webhook receiver must not hold up the rest. The
  // embedded database has one connection, where jobs running side by side only queue (or wait on each other's
  // transactions), so there they run one after another.
  if (parallel) await Promise.all([...[...batches].map(runBatch), ...single.map(run)]);
  else {
    for (const entry of batches) await runBatch(entry);
    for (const job of single) await run(job);
  }
  return claimed.length;
}

/** One batch handler's jobs: their outcomes are written in one statement, each only by the holder of its lease. */
async function runBatchOf(db: Db, handler: BatchJobHandler, jobs: JobRow[], now: Date): Promise<void> {
  const started = performance.now();
  let outcomes: JobOutcome[];
  try {
    outcomes = await handler.batch(db, jobs, now);
    if (outcomes.length !== jobs.length) throw new Error(`A batch handler answered ${outcomes.length} outcomes for ${jobs.length} jobs`);
  } catch (error) {
    // The batch as a whole failed (its database was away): each job retries with the queue's own backoff.
    await Promise.all(jobs.map((job) => failAndLog(db, job, error, now, started)));
    return;
  }
  const written = await settleJobs(
    db,
    jobs.map((job, i) => ({ lease: job, runAgainAt: "runAgainAt" in outcomes[i]! ? (outcomes[i] as { runAgainAt: Date }).runAgainAt : null })),
    now,
  );
  const durationMs = Math.round(performance.now() - started);
  jobs.forEach((job, i) => {
    const outcome = "runAgainAt" in outcomes[i]! ? "rescheduled" : "done";
    metrics().jobsRun.inc({ kind: job.kind, outcome });
    const line = { job: job.id, kind: job.kind, attempt: job.attempts, outcome, durationMs, batch: jobs.length };
    if (!written.has(job.id)) logger().warn(line, "job lease lost before the run finished; its outcome was not recorded");
    else logger().info(line, "job");
  });
}

async function failAndLog(db: Db, job: JobRow, error: unknown, now: Date, started: number): Promise<void> {
  const failure = (error instanceof Error ? error.message : String(error)).slice(0, 300);
  const recorded = await failJob(db, job, error, now);
  metrics().jobsRun.inc({ kind: job.kind, outcome: "failed" });
  const line = { job: job.id, kind: job.kind, attempt: job.attempts, outcome: "failed", durationMs: Math.round(performance.now() - started) };
  if (!recorded) logger().warn(line, "job lease lost before the run finished; its outcome was not recorded");
  else logger().warn({ ...line, error: failure }, "job failed");
}

async function runOne(db: Db, handlers: JobHandlers, job: JobRow, now: Date): Promise<void> {
  const handler = handlers[job.kind] as JobHandler | undefined;
  const started = performance.now();
  let outcome: "done" | "rescheduled" | "failed" = "failed";
  let failure: string | undefined;
  let recorded: boolean;
  try {
    if (!handler) throw new Error(`No handler for job kind '${job.kind}'`);
    const result = await handler(db, job.payload, now);
    if ("runAgainAt" in result) {
      recorded = await rescheduleJob(db, job, result.runAgainAt, now);
      outcome = "rescheduled";
    } else {
      recorded = await finishJob(db, job, now);
      outcome = "done";
    }
  } catch (error) {
    failure = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    recorded = await failJob(db, job, error, now);
  }
  metrics().jobsRun.inc({ kind: job.kind, outcome });
  const line = { job: job.id, kind: job.kind, attempt: job.attempts, outcome, durationMs: Math.round(performance.now() - started) };
  // The run outlived its lease and another worker claimed the job: that worker's claim stands.
  if (!recorded) logger().warn(line, "job lease lost before the run finished; its outcome was not recorded");
  else if (failure) logger().warn({ ...line, error: failure }, "job failed");
  else logger().info(line, "job");
}

interface JobPoller {
  stop: () => Promise<void>;
  /** Runs due jobs now instead of at the next tick (a committed job was announced). */
  wake: () => void;
}

/** Claim loops per instance: while one waits on a slow receiver, the others keep claiming due jobs. */
const WORKERS = 3;

/**
 * Starts polling, registered for /ready and for shutdown. `wake` lets a notification start a drain at once;
 * a wake while all loops run makes them go round again. `stop` resolves once the jobs in hand have finished
 * (claimed ones not yet started go back to the queue).
 */
export function startJobPoller(db: Db, handlers: JobHandlers, intervalMs: number, options: { parallel?: boolean } = {}): JobPoller {
  const parallel = options.parallel ?? true;
  const workers = parallel ? WORKERS : 1;
  let running = 0;
  let again = false;
  let stopped = false;
  const loops = new Set<Promise<void>>();
  const loop = async () => {
    running++;
    try {
      do {
        again = false;
        while (!stopped && (await runDueJobs(db, handlers, new Date(), parallel ? 100 : 10, () => stopped, parallel)) > 0) {
          // Keep draining while there is work.
        }
      } while (again && !stopped);
    } catch (error) {
      logger().error({ error: (error as Error)?.message }, "job poll failed");
    } finally {
      running--;
      state.lastPollAt = Date.now();
    }
  };
  const drain = () => {
    if (stopped) return;
    again = true;
    while (running < workers) {
      const current = loop();
      loops.add(current);
      void current.finally(() => loops.delete(current));
    }
  };
  const timer = setInterval(drain, intervalMs);
  timer.unref();
  const state = {
    lastPollAt: Date.now(),
    intervalMs,
    running: true,
    stop: async () => {
      stopped = true;
      state.running = false;
      clearInterval(timer);
      await Promise.all([...loops]);
    },
  };
  runtime.jobs = state;
  return { stop: state.stop, wake: drain };
}
