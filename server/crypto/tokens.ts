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
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
