import { createHmac } from "node:crypto";

/**
 * `WorkOS-Signature: t=<ms>, v1=<hex>` — HMAC-SHA256 keyed with the secret's UTF-8 bytes over
 * "<t>.<body>", exactly as `webhooks.constructEvent` recomputes it. During a rotation overlap the
 * header carries one `v1` per secret, the current one first: the Node SDK checks only the first
 * (so it needs the new secret), other verifiers may accept any of them.
 */
export function signatureHeader(secrets: string[], timestampMs: number, body: string): string {
  const signatures = secrets.map((secret) => `v1=${createHmac("sha256", secret).update(`${timestampMs}.${body}`, "utf8").digest("hex")}`);
  return [`t=${timestampMs}`, ...signatures].join(", ");
}
