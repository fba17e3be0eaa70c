import type { DirectoryGroupRow, DirectoryUserRow } from "@/db/schema";
import { enterpriseUserUrn, groupSchemaUrn, userSchemaUrn } from "./schemas";

interface GroupRef {
  id: string;
  displayName: string;
}

interface MemberRef {
  id: string;
  userName: string;
  display?: string | null;
}

function meta(resourceType: "User" | "Group", row: { createdAt: Date; updatedAt: Date; version: number }, location: string) {
  return {
    resourceType,
    created: row.createdAt.toISOString(),
    lastModified: row.updatedAt.toISOString(),
    location,
    version: `W/"${row.version}"`,
  };
}

/** A stored user as a SCIM User resource (RFC 7643 §4.1), with its groups and `meta`. */
export function userResource(row: DirectoryUserRow, groups: GroupRef[], baseUrl: string): Record<string, unknown> {
  const raw = row.rawAttributes;
  return {
    schemas: raw[enterpriseUserUrn] ? [userSchemaUrn, enterpriseUserUrn] : [userSchemaUrn],
    id: row.id,
    ...raw,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    userName: row.userName,
    active: row.active,
    groups: groups.map((g) => ({ value: g.id, display: g.displayName, $ref: `${baseUrl}/Groups/${g.id}`, type: "direct" })),
    meta: meta("User", row, `${baseUrl}/Users/${row.id}`),
  };
}

/** A stored group as a SCIM Group resource (RFC 7643 §4.2); members only when loaded. */
export function groupResource(row: DirectoryGroupRow, members: MemberRef[] | null, baseUrl: string): Record<string, unknown> {
  return {
    schemas: [groupSchemaUrn],
    id: row.id,
    ...row.rawAttributes,
    ...(row.externalId !== null ? { externalId: row.externalId } : {}),
    displayName: row.displayName,
    ...(members ? { members: members.map((m) => ({ value: m.id, display: m.display ?? m.userName, $ref: `${baseUrl}/Users/${m.id}`, type: "User" })) } : {}),
    meta: meta("Group", row, `${baseUrl}/Groups/${row.id}`),
  };
}
