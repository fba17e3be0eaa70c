import { and, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
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

/** A key that presented a good secret, with its request counted; `checkRateLimit` throws past the limit. */
export interface AuthenticatedApiKey {
  id: string;
  checkRateLimit: () => void;
}

/**
 * The SQL that authenticates a REST request and counts it, to open a larger statement: CTEs `k` (the live
 * key with this secret's hash), `used` (its last use, refreshed at most once a minute) and `hit` (one hit in
 * the fixed rate-limit window, only when the key is live). `passes` is true when the key is live and within
 * its limit; `columns` and `read` carry the outcome out of the statement's row.
 */
export interface ApiKeyGate {
  ctes: SQL;
  passes: SQL;
  columns: SQL;
  read(row: { gate_key?: string | null; gate_count?: number | string | null } | undefined): AuthenticatedApiKey | null;
}

export function apiKeyGate(secretHash: string, limit: number, windowMs: number, now = new Date()): ApiKeyGate {
  const windowStart = rateLimitWindow(windowMs, now);
  return {
    ctes: sql`k as (
        select id, last_used_at from api_keys where key_hash = ${secretHash} and revoked_at is null
      ), used as (
        update api_keys set last_used_at = ${now.toISOString()}::timestamptz
        where id in (select id from k where last_used_at is null or last_used_at < ${new Date(now.getTime() - 60_000).toISOString()}::timestamptz)
      ), hit as (
        insert into rate_limit_buckets (key, window_start, count)
        select 'api:' || k.id, ${windowStart.toISOString()}::timestamptz, 1 from k
        on conflict (key, window_start) do update set count = rate_limit_buckets.count + 1
        returning count
      )`,
    passes: sql`exists (select 1 from k) and (select count from hit) <= ${limit}`,
    columns: sql`(select id from k) as gate_key, (select count from hit) as gate_count`,
    read(row) {
      if (!row?.gate_key) {
        knownKeys.delete(secretHash);
        return null;
      }
      const id = row.gate_key;
      knownKeys.delete(secretHash);
      knownKeys.set(secretHash, id);
      if (knownKeys.size > maxKnownKeys) knownKeys.delete(knownKeys.keys().next().value!);
      return { id, checkRateLimit: () => assertWithinRateLimit(Number(row.gate_count ?? 0), limit, windowMs, now) };
    },
  };
}

/** The SHA-256 of a presented secret, or null when it cannot be a key's. */
export function apiSecretHash(secret: string): string | null {
  return secret.startsWith("sk_") && secret.length <= 200 ? sha256Hex(secret) : null;
}

/**
 * Secret hashes this process has seen authenticate, with their key's id. It is a hint, never trust: every
 * statement still authenticates the secret itself (a revoked key fails there). Knowing the id in advance lets
 * a request seal its idempotent reply, bound to the key, before the statement that authenticates it.
 */
const knownKeys = new Map<string, string>();
const maxKnownKeys = 1000;

export function knownApiKeyId(secretHash: string): string | null {
  return knownKeys.get(secretHash) ?? null;
}

/**
 * A REST request's key and its rate limit in one statement (one round trip): the key is looked up by hash,
 * its last use refreshed at most once a minute, and one hit counted in its fixed window. No key is trusted
 * from memory, so a revoked key is refused from the very next request, on every instance. Answers null for an
 * unknown or revoked key (nothing counted); `checkRateLimit` throws RateLimitedError once the key is past
 * `limit` requests in the window (the caller decides when, e.g. after noting who called).
 */
export async function authenticateApiRequest(db: Db, secret: string, limit: number, windowMs: number, now = new Date()): Promise<AuthenticatedApiKey | null> {
  const secretHash = apiSecretHash(secret);
  if (!secretHash) return null;
  const gate = apiKeyGate(secretHash, limit, windowMs, now);
  const [row] = await execRows<{ gate_key: string | null; gate_count: number | string | null }>(db, sql`with ${gate.ctes} select ${gate.columns}`);
  return gate.read(row);
}
