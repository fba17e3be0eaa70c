import { createHash, randomBytes } from "node:crypto";

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
