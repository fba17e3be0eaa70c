import { monotonicFactory } from "ulid";

const next = monotonicFactory();

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
  | "conn"
  | "idp_cert"
  | "sso_session"
  | "prof"
  | "job"
  | "directory"
  | "directory_user"
  | "directory_group"
  | "directory_request";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${next()}`;
}
