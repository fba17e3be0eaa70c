import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError, ConflictError } from "@/server/errors";
import { authenticateApiKey, authenticateApiRequest, createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";
import { claimIdempotencyKey, completeIdempotencyKey, IDEMPOTENCY_TTL_MS, releaseIdempotencyKey } from "@/server/services/idempotency";
import { resetEncryptionKeyForTests } from "@/server/crypto/secrets";
import { resetEnvForTests } from "@/server/env";
import { createTestDb } from "../support/db";
import { asStaff } from "../support/context";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("API keys", () => {
  it("shows the secret once and stores only its SHA-256", async () => {
    const key = await createApiKey(await asStaff(handle.db, "admin"), { name: "Production" });
    expect(key.secret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(key.prefix).toBe(key.secret.slice(0, 10));
    const rows = await handle.db.select().from(apiKeys);
    const serialized = JSON.stringify(rows);
    expect(serialized).not.toContain(key.secret);
    expect(rows.find((r) => r.id === key.id)!.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await listApiKeys(await asStaff(handle.db, "viewer"))).map((k) => k.id)).toContain(key.id);
    expect(Object.keys((await listApiKeys(await asStaff(handle.db, "viewer")))[0]!)).not.toContain("keyHash");
  });

  it("authenticates the secret, records last use, and stops after revocation", async () => {
    const key = await createApiKey(await asStaff(handle.db, "owner"), { name: "Revocable" });
    expect(await authenticateApiKey(handle.db, key.secret)).toEqual({ id: key.id });
    expect((await listApiKeys(await asStaff(handle.db, "viewer"))).find((k) => k.id === key.id)!.lastUsedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(handle.db, `${key.secret.slice(0, -1)}x`)).toBeNull();
    await revokeApiKey(await asStaff(handle.db, "admin"), key.id);
    expect(await authenticateApiKey(handle.db, key.secret)).toBeNull();
    await expect(revokeApiKey(await asStaff(handle.db, "admin"), key.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("authenticates a REST request and counts its rate limit in one statement, refusing a key revoked elsewhere at once", async () => {
    const key = await createApiKey(await asStaff(handle.db, "owner"), { name: "Per request" });
    const t = new Date("2031-05-01T10:00:10Z");
    const first = await authenticateApiRequest(handle.db, key.secret, 2, 60_000, t);
    expect(first).toMatchObject({ id: key.id });
    first!.checkRateLimit();
    const [used] = await handle.db.select().from(apiKeys).where(eq(apiKeys.id, key.id));
    expect(used!.lastUsedAt).toEqual(t);
    (await authenticateApiRequest(handle.db, key.secret, 2, 60_000, t))!.checkRateLimit();
    const third = await authenticateApiRequest(handle.db, key.secret, 2, 60_000, t);
    expect(() => third!.checkRateLimit()).toThrow(RateLimitedError);
    expect(() => third!.checkRateLimit()).toThrow(expect.objectContaining({ retryAfterSeconds: 50 }));
    // The next window starts afresh.
    const nextWindow = new Date("2031-05-01T10:01:00Z");
    (await authenticateApiRequest(handle.db, key.secret, 2, 60_000, nextWindow))!.checkRateLimit();
    expect(await authenticateApiRequest(handle.db, `${key.secret}x`, 2, 60_000, nextWindow)).toBeNull();
    // Revoked by another instance (a direct write, nothing this process could have been told about): no key is
    // cached, so the very next request is refused.
    await handle.db.update(apiKeys).set({ revokedAt: nextWindow }).where(eq(apiKeys.id, key.id));
    expect(await authenticateApiRequest(handle.db, key.secret, 2, 60_000, nextWindow)).toBeNull();
  });

  it("does not let a viewer create or revoke keys, and names a missing name", async () => {
    await expect(createApiKey(await asStaff(handle.db, "viewer"), { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    const key = await createApiKey(await asStaff(handle.db, "admin"), { name: "Kept" });
    await expect(revokeApiKey(await asStaff(handle.db, "viewer"), key.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createApiKey(await asStaff(handle.db, "admin"), { name: "  " })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("idempotency keys", () => {
  const base = { apiKeyId: "key_idem", key: "retry-1" };

  it("runs the first request, replays the same one, refuses a different body and a concurrent duplicate", async () => {
    expect(await claimIdempotencyKey(handle.db, { ...base, fingerprint: "POST /organizations\n{a}" })).toEqual({ kind: "new" });
    await expect(claimIdempotencyKey(handle.db, { ...base, fingerprint: "POST /organizations\n{a}" })).rejects.toBeInstanceOf(ConflictError);
    await completeIdempotencyKey(handle.db, base, { status: 201, body: '{"id":"org_1"}' });
    expect(await claimIdempotencyKey(handle.db, { ...base, fingerprint: "POST /organizations\n{a}" })).toEqual({
      kind: "replay",
      response: { status: 201, body: '{"id":"org_1"}' },
    });
    await expect(claimIdempotencyKey(handle.db, { ...base, fingerprint: "POST /organizations\n{b}" })).rejects.toBeInstanceOf(ValidationError);
  });

  it("keeps keys apart per API key and forgets them after 24 hours", async () => {
    expect(await claimIdempotencyKey(handle.db, { apiKeyId: "key_other", key: "retry-1", fingerprint: "x" })).toEqual({ kind: "new" });
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 60_000);
    expect(await claimIdempotencyKey(handle.db, { ...base, fingerprint: "POST /organizations\n{b}" }, later)).toEqual({ kind: "new" });
  });

  it("answers 409 rather than fail when a kept reply was sealed under another ENCRYPTION_KEY", async () => {
    const key = { apiKeyId: "key_idem", key: "retry-rotated" };
    await claimIdempotencyKey(handle.db, { ...key, fingerprint: "f" });
    await completeIdempotencyKey(handle.db, key, { status: 201, body: '{"bearer_token":"secret"}' });
    const original = process.env.ENCRYPTION_KEY;
    process.env.ENCRYPTION_KEY = "ab".repeat(32);
    resetEnvForTests();
    resetEncryptionKeyForTests();
    try {
      await expect(claimIdempotencyKey(handle.db, { ...key, fingerprint: "f" })).rejects.toMatchObject({ code: "idempotency_reply_unreadable" });
    } finally {
      process.env.ENCRYPTION_KEY = original;
      resetEnvForTests();
      resetEncryptionKeyForTests();
    }
    expect(await claimIdempotencyKey(handle.db, { ...key, fingerprint: "f" })).toMatchObject({
      kind: "replay",
      response: { body: '{"bearer_token":"secret"}' },
    });
  });

  it("frees a key whose request failed on the server", async () => {
    const key = { apiKeyId: "key_idem", key: "retry-crash" };
    await claimIdempotencyKey(handle.db, { ...key, fingerprint: "f" });
    await releaseIdempotencyKey(handle.db, key);
    expect(await claimIdempotencyKey(handle.db, { ...key, fingerprint: "f" })).toEqual({ kind: "new" });
  });
});
