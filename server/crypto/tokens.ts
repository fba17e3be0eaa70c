import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: the shape of every bearer secret Portico hands out. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Secrets are found by the SHA-256 of what was presented (an indexed equality lookup), never by
 * comparing secrets in application code, so response times reveal nothing about a stored secret.
 */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Constant-time comparison of two hex digests, for secrets found by another key than their hash. */
const hexDigest = /^[0-9a-f]+$/;

/**
 * Constant-time comparison of two hex digests. Anything else is unequal: decoding "ab" + garbage as hex
 * would stop at the garbage and compare only the prefix, letting a truncated digest match.
 */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length || !hexDigest.test(a) || !hexDigest.test(b)) return false;
  return timingSafeEqual(Buffer.from(a, "hex"), Buffer.from(b, "hex"));
}
