import { randomFillSync } from "node:crypto";
import { monotonicFactory } from "ulid";

/**
 * ulid's own generator asks the OS for one random byte per character (sixteen calls for each id in a
 * new millisecond, a few percent of a busy SCIM server's time); this draws the same bytes from a pool
 * refilled 4 KiB at a time.
 */
const pool = new Uint8Array(4096);
let offset = pool.length;
function pooledRandom(): number {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  return pool[offset++]! / 256;
}

const next = monotonicFactory(pooledRandom);

/** Prefixed ULIDs, as the WorkOS API shows them (`org_01H...`). Sortable by creation time. */
export type IdPrefix =
  | "org"
  | "org_domain"
  | "key"
  | "user"
  | "invite"
  | "attempt"
  | "event"
  | "client"
  | "mail"
  | "portal_link"
  | "portal_session"
  | "it_contact"
  | "job"
  | "directory"
  | "directory_user"
  | "directory_group"
  | "directory_request";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next()}`;
}
