import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates, tenantColumn } from "./columns";
import { organizations } from "./organizations";

export const directoryTypes = [
  "okta scim v2.0",
  "azure scim v2.0",
  "onelogin scim v2.0",
  "jump cloud scim v2.0",
  "pingfederate scim v2.0",
  "rippling scim v2.0",
  "generic scim v2.0",
] as const;
export type DirectoryType = (typeof directoryTypes)[number];

export const directoryStates = ["unlinked", "linked", "invalid_credentials", "validating", "deleting"] as const;
export type DirectoryState = (typeof directoryStates)[number];

/** SCIM attribute path → custom attribute name (`department` ← `urn:...:enterprise:2.0:User:department`). */
export type AttributeMap = Record<string, string>;

/**
 * A SCIM 2.0 directory. The bearer token is shown once; only its SHA-256 is kept. `groupFilter` null
 * means every group syncs; a list limits the synced users to members of those groups.
 * Every change to the token, the attribute map or the group filter must move `updated_at`: the SCIM
 * server re-checks a directory it remembers by that column (server/services/directory-sync/scim/auth.ts).
 */
export const directories = pgTable(
  "directories",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    name: text("name").notNull(),
    type: text("type", { enum: directoryTypes }).notNull(),
    state: text("state", { enum: directoryStates }).notNull().default("unlinked"),
    externalKey: text("external_key").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The current token's public identity, for `dsync.token.*` events (null for tokens issued before they existed). */
    tokenId: text("token_id"),
    tokenSuffix: text("token_suffix"),
    tokenCreatedAt: timestamp("token_created_at", { withTimezone: true, mode: "date" }),
    failedAuthCount: integer("failed_auth_count").notNull().default(0),
    attributeMap: jsonb("attribute_map").$type<AttributeMap>().notNull(),
    groupFilter: jsonb("group_filter").$type<string[] | null>(),
    activatedAt: timestamp("activated_at", { withTimezone: true, mode: "date" }),
    ...lifecycleDates,
  },
  (t) => [index("directories_organization_id_id_idx").on(t.organizationId, t.id)],
);
export type DirectoryRow = typeof directories.$inferSelect;

export const directoryUsers = pgTable(
  "directory_users",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    directoryId: text("directory_id")
      .notNull()
      .references(() => directories.id, { onDelete: "cascade" }),
    userName: text("user_name").notNull(),
    externalId: text("external_id"),
    email: text("email"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    active: boolean("active").notNull().default(true),
    /** The SCIM resource as the IdP sent it (canonical attribute names, no password, no id/meta). */
    rawAttributes: jsonb("raw_attributes").$type<Record<string, unknown>>().notNull(),
    customAttributes: jsonb("custom_attributes").$type<Record<string, unknown>>().notNull(),
    version: integer("version").notNull().default(1),
    ...lifecycleDates,
  },
  (t) => [
    index("directory_users_organization_id_id_idx").on(t.organizationId, t.id),
    // userName is unique per directory and compared case-insensitively (RFC 7643 §4.1.1, caseExact false).
    uniqueIndex("directory_users_directory_id_user_name_idx").on(t.directoryId, sql`lower(${t.userName})`),
    index("directory_users_directory_id_id_idx").on(t.directoryId, t.id),
    index("directory_users_directory_id_external_id_idx").on(t.directoryId, t.externalId),
    index("directory_users_directory_id_updated_at_idx").on(t.directoryId, t.updatedAt),
  ],
);
export type DirectoryUserRow = typeof directoryUsers.$inferSelect;

export const directoryGroups = pgTable(
  "directory_groups",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    directoryId: text("directory_id")
      .notNull()
      .references(() => directories.id, { onDelete: "cascade" }),
    displayName: text("display_name").notNull(),
    externalId: text("external_id"),
    rawAttributes: jsonb("raw_attributes").$type<Record<string, unknown>>().notNull(),
    version: integer("version").notNull().default(1),
    ...lifecycleDates,
  },
  (t) => [
    index("directory_groups_organization_id_id_idx").on(t.organizationId, t.id),
    index("directory_groups_directory_id_id_idx").on(t.directoryId, t.id),
    index("directory_groups_directory_id_display_name_idx").on(t.directoryId, sql`lower(${t.displayName})`),
  ],
);
export type DirectoryGroupRow = typeof directoryGroups.$inferSelect;

/** Group membership as rows, so concurrent member PATCHes never overwrite each other. */
export const directoryGroupMembers = pgTable(
  "directory_group_members",
  {
    organizationId: text("organization_id").notNull(),
    directoryId: text("directory_id").notNull(),
    groupId: text("group_id")
      .notNull()
      .references(() => directoryGroups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => directoryUsers.id, { onDelete: "cascade" }),
    /** The member's `display` as the IdP sent it, shown back in the group's `members`. */
    display: text("display"),
    createdAt,
  },
  (t) => [
    primaryKey({ name: "directory_group_members_pk", columns: [t.groupId, t.userId] }),
    index("directory_group_members_organization_id_idx").on(t.organizationId),
    index("directory_group_members_directory_id_user_id_idx").on(t.directoryId, t.userId),
  ],
);

/** Every SCIM request, for the directory page's request log and activity chart. Bodies are redacted. */
export const directoryRequests = pgTable(
  "directory_requests",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id").notNull(),
    directoryId: text("directory_id")
      .notNull()
      .references(() => directories.id, { onDelete: "cascade" }),
    method: text("method").notNull(),
    path: text("path").notNull(),
    status: integer("status").notNull(),
    durationMs: integer("duration_ms").notNull(),
    requestBody: jsonb("request_body"),
    createdAt,
  },
  (t) => [
    index("directory_requests_organization_id_idx").on(t.organizationId),
    index("directory_requests_directory_id_created_at_idx").on(t.directoryId, t.createdAt),
  ],
);
export type DirectoryRequestRow = typeof directoryRequests.$inferSelect;
