import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { RateLimitedError } from "@/server/errors";

/** Buckets older than this are purged; every window in use is shorter. */
export const RATE_LIMIT_RETENTION_MS = 24 * 60 * 60 * 1000;

const windowOf = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

function limited(windowStart: Date, windowMs: number, now: Date): RateLimitedError {
  return new RateLimitedError(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)));
}

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every instance shares it)
 * and throws RateLimitedError past `limit`.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now = new Date()): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } })
    .returning({ count: rateLimitBuckets.count });
  if ((row?.count ?? 0) > limit) throw limited(windowStart, windowMs, now);
}

/**
 * For counting failures (bad tokens): throws RateLimitedError, without writing anything, when any key
 * already reached its limit in this window. A refused request costs one read, so a flood cannot turn
 * into a flood of writes.
 */
export async function refuseWhenLimited(db: DbOrTx, limits: { key: string; limit: number }[], windowMs: number, now = new Date()): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  const rows = await db
    .select({ key: rateLimitBuckets.key, count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(and(inArray(rateLimitBuckets.key, limits.map((l) => l.key)), eq(rateLimitBuckets.windowStart, windowStart)));
  for (const row of rows) {
    if (row.count >= (limits.find((l) => l.key === row.key)?.limit ?? Infinity)) throw limited(windowStart, windowMs, now);
  }
}

/** Counts one failure against each key, in one statement. */
export async function countFailure(db: DbOrTx, keys: string[], windowMs: number, now = new Date()): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  await db
    .insert(rateLimitBuckets)
    .values(keys.map((key) => ({ key, windowStart, count: 1 })))
    .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } });
}

/** Forgets windows that can no longer count (run by the retention job). */
export async function purgeRateLimitBuckets(db: DbOrTx, now: Date): Promise<number> {
  const purged = await db
    .delete(rateLimitBuckets)
    .where(lt(rateLimitBuckets.windowStart, new Date(now.getTime() - RATE_LIMIT_RETENTION_MS)))
    .returning({ key: rateLimitBuckets.key });
  return purged.length;
}
