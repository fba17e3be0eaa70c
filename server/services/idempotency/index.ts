import { and, eq, isNotNull, isNull, lt, notLike, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { sha256Hex } from "@/server/crypto/tokens";
import { ConflictError, ValidationError } from "@/server/errors";
import { execRows } from "@/server/services/sql";

/**
 * Replies are kept encrypted: some carry a bearer secret (a directory's SCIM token, a portal link) that
 * must not sit readable in the database or its backups. The key and its API key are bound as associated
 * data, so a stored reply cannot be replayed under another key.
 */
const replyPurpose = (input: { apiKeyId: string; key: string }) => `idempotency:${input.apiKeyId}:${input.key}`;

/** How long a key's first response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_KEY_LENGTH = 255;

/** Keys claimed before this are past their replay window and may be claimed afresh. */
const replayWindowStart = (now: Date) => sql`${new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString()}::timestamptz`;

export interface StoredResponse {
  status: number;
  body: string;
}

type IdempotencyClaim = { kind: "new" } | { kind: "replay"; response: StoredResponse };

/**
 * Claims `key` for this request. The first request with a key runs; a later one with the same
 * body gets the first response back; a different body, or a request while the first still runs, is refused.
 */
export async function claimIdempotencyKey(db: Db, input: { apiKeyId: string; key: string; fingerprint: string }, now = new Date()): Promise<IdempotencyClaim> {
  if (input.key.length > MAX_KEY_LENGTH) {
    throw new ValidationError([{ field: "Idempotency-Key", code: "too_long", message: `is at most ${MAX_KEY_LENGTH} characters` }]);
  }
  const requestHash = sha256Hex(input.fingerprint);
  // One statement claims the key (or takes over one whose 24 hours are over, so a key may be reused after
  // them) and reads the row already there when it cannot.
  const [row] = await execRows<{ claimed: number | string; request_hash: string | null; status: string | null; response_body: string | null }>(
    db,
    sql`with claimed as (
        insert into idempotency_keys (api_key_id, key, request_hash, created_at)
        values (${input.apiKeyId}, ${input.key}, ${requestHash}, ${now.toISOString()}::timestamptz)
        on conflict (api_key_id, key) do update
          set request_hash = excluded.request_hash, created_at = excluded.created_at, status = null, response_body = null
          where idempotency_keys.created_at < ${replayWindowStart(now)}
        returning 1
      )
      select (select count(*) from claimed) as claimed, e.request_hash, e.status, e.response_body
      from (select 1) as one
      left join idempotency_keys e on e.api_key_id = ${input.apiKeyId} and e.key = ${input.key}`,
  );
  if (Number(row?.claimed ?? 0) > 0) return { kind: "new" };
  // The row was committed by a concurrent request after this statement began: read it afresh.
  const existing = row?.request_hash
    ? { requestHash: row.request_hash, status: row.status, responseBody: row.response_body }
    : (
        await db
          .select()
          .from(idempotencyKeys)
          .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key)))
      )[0];
  if (!existing) return claimIdempotencyKey(db, input, now);
  if (existing.requestHash !== requestHash) {
    throw new ValidationError(
      [{ field: "Idempotency-Key", code: "idempotency_key_reused", message: "was already used with a different request" }],
      "This Idempotency-Key was already used with a different request body.",
    );
  }
  if (existing.status === null || existing.responseBody === null) {
    throw new ConflictError("idempotency_request_in_progress", "A request with this Idempotency-Key is still being processed.");
  }
  return { kind: "replay", response: { status: Number(existing.status), body: openReply(existing.responseBody, input) } };
}

/** Builds the claim of `completedClaim` for the CTE it reads from (a name, as `sql\`ok\``). */
export type CompletedClaim = (source: SQL) => SQL;

/**
 * For a request that finishes inside one statement: an insert (for a CTE) that claims `key` with its reply
 * already stored, one row per row of `source` (none when it is empty). A key already held inserts nothing, and
 * the caller then goes the usual way (`claimIdempotencyKey` replays or refuses). Null when the key is one
 * `claimIdempotencyKey` would refuse.
 */
export function completedClaim(input: { apiKeyId: string; key: string; fingerprint: string }, reply: StoredResponse, now = new Date()): CompletedClaim | null {
  if (input.key.length > MAX_KEY_LENGTH) return null;
  const sealed = encryptSecret(reply.body, replyPurpose(input));
  return (source) => sql`insert into idempotency_keys (api_key_id, key, request_hash, created_at, status, response_body)
      select ${input.apiKeyId}, ${input.key}, ${sha256Hex(input.fingerprint)}, ${now.toISOString()}::timestamptz, ${String(reply.status)}, ${sealed}
      from ${source}
      on conflict (api_key_id, key) do update
        set request_hash = excluded.request_hash, created_at = excluded.created_at, status = excluded.status, response_body = excluded.response_body
        where idempotency_keys.created_at < ${replayWindowStart(now)}
      returning 1`;
}

function openReply(stored: string, input: { apiKeyId: string; key: string }): string {
  // A reply stored by an earlier version, not yet sealed by the retention job, is still a valid replay.
  if (!stored.startsWith("v1.")) return stored;
  try {
    return decryptSecret(stored, replyPurpose(input));
  } catch {
    throw new ConflictError(
      "idempotency_reply_unreadable",
      "The reply kept for this Idempotency-Key can no longer be read (ENCRYPTION_KEY changed). Send the request with a new key.",
    );
  }
}

export async function completeIdempotencyKey(db: Db, input: { apiKeyId: string; key: string }, response: StoredResponse) {
  await db
    .update(idempotencyKeys)
    .set({ status: String(response.status), responseBody: encryptSecret(response.body, replyPurpose(input)) })
    .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key)));
}

/** A request that failed on the server's side must be retryable with the same key. */
export async function releaseIdempotencyKey(db: Db, input: { apiKeyId: string; key: string }) {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key), isNull(idempotencyKeys.status)));
}

/** Forgets keys whose replay window is over (run by the retention job). */
export async function purgeExpiredIdempotencyKeys(db: Db, now: Date): Promise<number> {
  const purged = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return purged.length;
}

/** Replies stored readable by an earlier version are encrypted in place (run by the retention job). */
export async function sealReadableReplies(db: Db): Promise<number> {
  const readable = await db
    .select({ apiKeyId: idempotencyKeys.apiKeyId, key: idempotencyKeys.key, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(isNotNull(idempotencyKeys.responseBody), notLike(idempotencyKeys.responseBody, "v1.%")))
    .limit(1000);
  for (const row of readable) {
    await db
      .update(idempotencyKeys)
      .set({ responseBody: encryptSecret(row.body!, replyPurpose(row)) })
      .where(and(eq(idempotencyKeys.apiKeyId, row.apiKeyId), eq(idempotencyKeys.key, row.key), eq(idempotencyKeys.responseBody, row.body!)));
  }
  return readable.length;
}
