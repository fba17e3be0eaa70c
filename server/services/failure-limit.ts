import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { RateLimitedError } from "@/server/errors";

/**
 * Limits on failures (bad tokens), kept in the rate-limit buckets. Unlike `hitRateLimit`, checking
 * and counting are separate: a request refused for being over the limit is not counted, so it costs
 * one read and no write, and a flood cannot become a flood of writes. Only failures are counted, so
 * whoever holds the real secret is never refused.
 */
const windowOf = (now: Date, windowMs: number) => new Date(Math.floor(now.getTime() / windowMs) * windowMs);

/** Throws RateLimitedError when any key already reached its limit in the current window. */
export async function refuseWhenLimited(db: DbOrTx, limits: { key: string; limit: number }[], windowMs: number, now = new Date()): Promise<void> {
  const windowStart = windowOf(now, windowMs);
  const rows = await db
    .select({ key: rateLimitBuckets.key, count: rateLimitBuckets.count })
    .from(rateLimitBuckets)
    .where(
      and(
        inArray(
          rateLimitBuckets.key,
          limits.map((l) => l.key),
        ),
        eq(rateLimitBuckets.windowStart, windowStart),
      ),
    );
  for (const row of rows) {
    if (row.count >= (limits.find((l) => l.key === row.key)?.limit ?? Infinity)) {
      throw new RateLimitedError(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)));
    }
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
