import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimitBuckets } from "@/db/schema";
import { RateLimitedError } from "@/server/errors";

/**
 * Counts one hit against `key` in a fixed window kept in the database (so every instance shares it)
 * and throws RateLimitedError past `limit`.
 */
export async function hitRateLimit(db: DbOrTx, key: string, limit: number, windowMs: number, now = new Date()): Promise<void> {
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [rateLimitBuckets.key, rateLimitBuckets.windowStart], set: { count: sql`${rateLimitBuckets.count} + 1` } })
    .returning({ count: rateLimitBuckets.count });
  if ((row?.count ?? 0) > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
    throw new RateLimitedError(Math.max(1, retryAfter));
  }
}
