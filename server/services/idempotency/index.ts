import { and, eq, isNotNull, isNull, lt, notLike } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { sha256Hex } from "@/server/crypto/tokens";
import { ConflictError, ValidationError } from "@/server/errors";

/**
 * Replies are kept encrypted: some carry a bearer secret (a directory's SCIM token, a portal link) that
 * must not sit readable in the database or its backups. The key and its API key are bound as associated
 * data, so a stored reply cannot be replayed under another key.
 */
const replyPurpose = (input: { apiKeyId: string; key: string }) => `idempotency:${input.apiKeyId}:${input.key}`;

/** How long a key's first response is replayed. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: string;
}

export type IdempotencyClaim = { kind: "new" } | { kind: "replay"; response: StoredResponse };

/**
 * Claims `key` for this request. The first request with a key runs; a later one with the same
 * body gets the first response back; a different body, or a request while the first still runs, is refused.
 */
export async function claimIdempotencyKey(db: Db, input: { apiKeyId: string; key: string; fingerprint: string }, now = new Date()): Promise<IdempotencyClaim> {
  if (input.key.length > 255) {
    throw new ValidationError([{ field: "Idempotency-Key", code: "too_long", message: "is at most 255 characters" }]);
  }
  const requestHash = sha256Hex(input.fingerprint);
  // Expired keys are forgotten before the claim, so a key may be reused after 24 hours.
  await db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.apiKeyId, input.apiKeyId),
        eq(idempotencyKeys.key, input.key),
        lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)),
      ),
    );
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ apiKeyId: input.apiKeyId, key: input.key, requestHash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length) return { kind: "new" };
  const [existing] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key)));
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
