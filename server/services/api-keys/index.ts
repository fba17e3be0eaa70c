import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { assertWithinRateLimit, rateLimitWindow } from "@/server/services/rate-limit";
import { execRows } from "@/server/services/sql";
import type { Db } from "@/db/client";

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const createApiKeySchema = z.object({
  name: z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(100, "name is at most 100 characters"),
});

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
};

/** Creates a key. The secret is returned this once; only its SHA-256 is kept. */
export async function createApiKey(ctx: ServiceContext, input: z.input<typeof createApiKeySchema>): Promise<ApiKey & { secret: string }> {
  requireRole(ctx, "admin");
  const { name } = parseInput(createApiKeySchema, input);
  const secret = `sk_${newToken()}`;
  const row = {
    id: newId("key"),
    name,
    keyHash: sha256Hex(secret),
    prefix: secret.slice(0, 10),
    createdBy: ctx.actor.type === "staff" ? ctx.actor.staffId : null,
    createdAt: nowOf(ctx),
  };
  await ctx.db.insert(apiKeys).values(row);
  return { id: row.id, name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: null, revokedAt: null, secret };
}

export async function listApiKeys(ctx: ServiceContext): Promise<ApiKey[]> {
  return ctx.db.select(columns).from(apiKeys).where(isNull(apiKeys.revokedAt)).orderBy(desc(apiKeys.id));
}

export async function revokeApiKey(ctx: ServiceContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  const revoked = await ctx.db
    .update(apiKeys)
    .set({ revokedAt: nowOf(ctx) })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) throw new NotFoundError("API key", id);
}

/**
 * Resolves a presented secret to its key, or null. The lookup is by hash (an index probe), so
 * no comparison of secrets happens in application code. `last_used_at` is refreshed at most once a minute.
 */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<{ id: string } | null> {
  if (!secret.startsWith("sk_") || secret.length > 200) return null;
  const [key] = await db
    .select({ id: apiKeys.id, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, sha256Hex(secret)), isNull(apiKeys.revokedAt)));
  if (!key) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, key.id));
  }
  return { id: key.id };
}

/**
 * A REST request's key and its rate limit in one statement (one round trip): the key is looked up by hash,
 * its last use refreshed at most once a minute, and one hit counted in its fixed window. No key is cached, so
 * a revoked key is refused from the very next request, on every instance. Answers null for an unknown or
 * revoked key (nothing counted); `check` throws RateLimitedError once the key is past `limit` requests in the window
 * (the caller decides when, e.g. after noting who called).
 */
export async function authenticateApiRequest(
  db: Db,
  secret: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<{ id: string; checkRateLimit: () => void } | null> {
  if (!secret.startsWith("sk_") || secret.length > 200) return null;
  const windowStart = rateLimitWindow(windowMs, now);
  const [row] = await execRows<{ id: string; count: number | string | null }>(
    db,
    sql`with k as (
        select id, last_used_at from api_keys where key_hash = ${sha256Hex(secret)} and revoked_at is null
      ), used as (
        update api_keys set last_used_at = ${now.toISOString()}::timestamptz
        where id in (select id from k where last_used_at is null or last_used_at < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz)
      ), hit as (
        insert into rate_limit_buckets (key, window_start, count)
        select 'api:' || k.id, ${windowStart.toISOString()}::timestamptz, 1 from k
        on conflict (key, window_start) do update set count = rate_limit_buckets.count + 1
        returning count
      )
      select k.id, (select count from hit) as count from k`,
  );
  if (!row) return null;
  return { id: row.id, checkRateLimit: () => assertWithinRateLimit(Number(row.count ?? 0), limit, windowMs, now) };
}
