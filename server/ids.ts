import { createHash } from "node:crypto";
import { monotonicFactory } from "ulid";
import { pooledRandomFraction } from "./crypto/random-pool";

/**
 * ulid's own generator asks the OS for one random byte per character (sixteen calls for each id in a
 * new millisecond, a few percent of a busy SCIM server's time); this draws the same bytes from a pool.
 */
const next = monotonicFactory(pooledRandomFraction);

/** Prefixed ULIDs, as the WorkOS API shows them (`org_01H...`). Sortable by creation time. */
type IdPrefix =
  | "org"
  | "org_domain"
  | "key"
  | "user"
  | "invite"
  | "attempt"
  | "staff_session"
  | "event"
  | "client"
  | "mail"
  | "portal_link"
  | "portal_session"
  | "it_contact"
  | "conn"
  | "idp_cert"
  | "conn_change"
  | "sso_session"
  | "prof"
  | "job"
  | "directory"
  | "directory_user"
  | "directory_group"
  | "directory_request"
  | "directory_token"
  | "we"
  | "delivery"
  | "webhook_attempt"
  | "audit_log_event"
  | "audit_log_export"
  | "als"
  | "log_stream_failure"
  | "polis_import";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next()}`;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * An id that is the same every time for the same parts (a user's profile id per connection): the
 * first 130 bits of their SHA-256, in the ULID alphabet, so it looks like every other id.
 */
export function derivedId(prefix: IdPrefix, ...parts: string[]): string {
  const digest = createHash("sha256").update(parts.join("\u0000"), "utf8").digest();
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === 26) break;
  }
  return `${prefix}_${out}`;
}
