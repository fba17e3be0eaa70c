import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { sha256Hex } from "@/server/crypto/tokens";
import { ConflictError, ValidationError } from "@/server/errors";

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
export async function claimIdempotencyKey(
  db: Db,
  input: { apiKeyId: string; key: string; fingerprint: string },
  now = new Date(),
): Promise<IdempotencyClaim> {
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
  return { kind: "replay", response: { status: Number(existing.status), body: existing.responseBody } };
}

export async function completeIdempotencyKey(db: Db, input: { apiKeyId: string; key: string }, response: StoredResponse) {
  await db
    .update(idempotencyKeys)
    .set({ status: String(response.status), responseBody: response.body })
    .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key)));
}

/** A request that failed on the server's side must be retryable with the same key. */
export async function releaseIdempotencyKey(db: Db, input: { apiKeyId: string; key: string }) {
  await db
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.apiKeyId, input.apiKeyId), eq(idempotencyKeys.key, input.key), isNull(idempotencyKeys.status)));
}
