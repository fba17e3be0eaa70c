import type { DirectoryGroupRow, DirectoryRow, DirectoryUserRow, OrganizationDomainRow } from "@/db/schema";
import type { DirectoryActivatedData, DirectoryDeletedData, DirectoryTokenData, EventDirectoryState } from "./events";

/** WorkOS wire shapes for Directory Sync, as `@workos-inc/node` deserializes them. */
export interface DirectoryWire {
  object: "directory";
  id: string;
  organization_id: string;
  name: string;
  /** The SDK types it as a string: an organization without domains gives "". */
  domain: string;
  external_key: string;
  type: string;
  state: string;
  created_at: string;
  updated_at: string;
}

export interface DirectoryGroupWire {
  object: "directory_group";
  id: string;
  idp_id: string;
  directory_id: string;
  organization_id: string;
  name: string;
  raw_attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export interface DirectoryUserWire {
  object: "directory_user";
  id: string;
  directory_id: string;
  organization_id: string;
  idp_id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  state: "active" | "inactive";
  custom_attributes: Record<string, unknown>;
  raw_attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

export type DirectoryUserWithGroupsWire = DirectoryUserWire & { groups: DirectoryGroupWire[] };

export function directoryToWire(row: DirectoryRow, domain: string | null): DirectoryWire {
  return {
    object: "directory",
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    domain: domain ?? "",
    external_key: row.externalKey,
    type: row.type,
    state: row.state,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function directoryGroupToWire(row: DirectoryGroupRow): DirectoryGroupWire {
  return {
    object: "directory_group",
    id: row.id,
    idp_id: row.externalId ?? row.id,
    directory_id: row.directoryId,
    organization_id: row.organizationId,
    name: row.displayName,
    raw_attributes: row.rawAttributes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function directoryUserToWire(row: DirectoryUserRow): DirectoryUserWire {
  return {
    object: "directory_user",
    id: row.id,
    directory_id: row.directoryId,
    organization_id: row.organizationId,
    idp_id: row.externalId ?? row.id,
    email: row.email,
    first_name: row.firstName,
    last_name: row.lastName,
    state: row.active ? "active" : "inactive",
    custom_attributes: row.customAttributes,
    raw_attributes: row.rawAttributes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** Stored states are the older `linked`/`unlinked`; events carry the current API's names. */
function eventDirectoryState(state: DirectoryRow["state"]): EventDirectoryState {
  if (state === "linked") return "active";
  if (state === "unlinked") return "inactive";
  return state;
}

export function directoryDeletedEventData(row: DirectoryRow): DirectoryDeletedData {
  return {
    object: "directory",
    id: row.id,
    organization_id: row.organizationId,
    name: row.name,
    type: row.type,
    state: "deleting",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function directoryActivatedEventData(row: DirectoryRow, domains: Pick<OrganizationDomainRow, "id" | "domain">[]): DirectoryActivatedData {
  return {
    ...directoryDeletedEventData(row),
    state: eventDirectoryState(row.state),
    external_key: row.externalKey,
    domains: domains.map((d) => ({ object: "organization_domain" as const, id: d.id, domain: d.domain })),
  };
}

/** `dsync.token.*`: the token's public identity (never the token). Null for a token issued before ids existed. */
export function directoryTokenEventData(row: DirectoryRow): DirectoryTokenData | null {
  if (!row.tokenId || !row.tokenSuffix || !row.tokenCreatedAt) return null;
  return {
    object: "directory_token",
    id: row.tokenId,
    directory_id: row.id,
    organization_id: row.organizationId,
    token_suffix: row.tokenSuffix,
    created_at: row.tokenCreatedAt.toISOString(),
  };
}
