import { lt, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { RateLimitedError } from "@/server/errors";
import type { JobOutcome } from "@/server/jobs/runner";
import { enqueueJob } from "@/server/services/jobs/queue";

/** The longest window a limit may use: buckets older than this count for nothing and are pruned. */
const MAX_RATE_LIMIT_WINDOW_MS = 60 * 60_000;
export const RATE_LIMIT_PRUNE_JOB = "rate_limit.prune";
const PRUNE_INTERVAL_MS = 10 * 60_000;

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every instance shares it)
 * and throws RateLimitedError past `limit`.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now = new Date()): Promise<void> {
  const windowStart = rateLimitWindow(windowMs, now);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } })
    .returning({ count: rateLimitBuckets.count });
  assertWithinRateLimit(row?.count ?? 0, limit, windowMs, now);
}

/** The start of the fixed window `now` falls in. */
export function rateLimitWindow(windowMs: number, now: Date): Date {
  if (windowMs > MAX_RATE_LIMIT_WINDOW_MS) throw new Error(`Rate-limit windows are at most ${MAX_RATE_LIMIT_WINDOW_MS} ms (pruning assumes it)`);
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Throws RateLimitedError, with the seconds left in the window, once a window's count passes the limit. */
export function assertWithinRateLimit(count: number, limit: number, windowMs: number, now: Date): void {
  if (count <= limit) return;
  const retryAfter = Math.ceil((rateLimitWindow(windowMs, now).getTime() + windowMs - now.getTime()) / 1000);
  throw new RateLimitedError(Math.max(1, retryAfter));
}

/**
 * Every client address that ever called leaves a bucket per window; without pruning, a stranger cycling
 * addresses (IPv6 gives plenty) grows the table without bound.
 */
async function pruneRateLimitBuckets(db: DbOrTx, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - MAX_RATE_LIMIT_WINDOW_MS);
  const deleted = await db.delete(rateLimitBuckets).where(lt(rateLimitBuckets.windowStart, cutoff)).returning({ key: rateLimitBuckets.key });
  return deleted.length;
}

/** The periodic job: prune, then run again in ten minutes. One queued job serves every instance. */
export async function runRateLimitPruning(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  await pruneRateLimitBuckets(db, now);
  return { runAgainAt: new Date(now.getTime() + PRUNE_INTERVAL_MS) };
}

/** Called at start; the dedupe key keeps it to one job however many instances start. */
export async function scheduleRateLimitPruning(db: DbOrTx, now = new Date()): Promise<void> {
  await enqueueJob(db, { kind: RATE_LIMIT_PRUNE_JOB, payload: {}, runAt: now, dedupeKey: RATE_LIMIT_PRUNE_JOB });
}
