import { and, eq, exists, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories, directoryGroupMembers, directoryGroups, directoryUsers, type DirectoryRow, type DirectoryUserRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { directoryGroupToWire, directoryUserToWire, type DirectoryUserWithGroupsWire } from "@/server/wire/directory-sync";
import { JsonText } from "@/server/wire/json-text";
import { isoTimestampText } from "@/server/services/sql";
import { findDirectoryRow } from "./access";
import { listDirectoryUsersSchema, type ListDirectoryUsersInput } from "./schemas";
import { boundOrganizationId, requireScope } from "@/server/services/scope";

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Users outside every chosen group are invisible to the API (and emit no events). */
export function userVisible(directory: DirectoryRow, db: DbOrTx): SQL | undefined {
  if (directory.groupFilter === null) return undefined;
  if (directory.groupFilter.length === 0) return eq(directoryUsers.id, "");
  return exists(
    db
      .select({ one: directoryGroupMembers.userId })
      .from(directoryGroupMembers)
      .where(and(eq(directoryGroupMembers.userId, directoryUsers.id), inArray(directoryGroupMembers.groupId, directory.groupFilter))),
  );
}

export function groupVisible(directory: DirectoryRow): SQL | undefined {
  if (directory.groupFilter === null) return undefined;
  return directory.groupFilter.length ? inArray(directoryGroups.id, directory.groupFilter) : eq(directoryGroups.id, "");
}

/** The users with their (synced) groups, in one query for the whole page. */
async function withGroups(db: DbOrTx, directory: DirectoryRow, rows: DirectoryUserRow[]): Promise<DirectoryUserWithGroupsWire[]> {
  if (rows.length === 0) return [];
  const memberships = await db
    .select({ userId: directoryGroupMembers.userId, group: directoryGroups })
    .from(directoryGroupMembers)
    .innerJoin(directoryGroups, eq(directoryGroups.id, directoryGroupMembers.groupId))
    .where(
      and(
        eq(directoryGroupMembers.directoryId, directory.id),
        inArray(
          directoryGroupMembers.userId,
          rows.map((r) => r.id),
        ),
        groupVisible(directory),
      ),
    )
    .orderBy(directoryGroups.id);
  return rows.map((row) => ({
    ...directoryUserToWire(row),
    groups: memberships.filter((m) => m.userId === row.id).map((m) => directoryGroupToWire(m.group)),
  }));
}

async function directoryOfGroup(ctx: ServiceContext, groupId: string): Promise<{ directory: DirectoryRow; groupId: string }> {
  const organizationId = boundOrganizationId(ctx);
  const [row] = await ctx.db
    .select({ directory: directories })
    .from(directoryGroups)
    .innerJoin(directories, eq(directories.id, directoryGroups.directoryId))
    .where(and(eq(directoryGroups.id, groupId), organizationId ? eq(directoryGroups.organizationId, organizationId) : undefined));
  if (!row) throw new NotFoundError("directory_group", groupId);
  return { directory: row.directory, groupId };
}

/**
 * A directory user's wire JSON with its groups, built by Postgres for each row of a page: the page needs no
 * second query for memberships and no per-row work in JS. It is `directoryUserToWire` plus the groups of
 * `withGroups`, field for field (tests/integration/directory-users-wire.test.ts holds the two equal).
 */
function userWithGroupsJson(directory: DirectoryRow): SQL<string> {
  const filter = directory.groupFilter;
  const inScope = filter === null ? sql`` : filter.length === 0 ? sql` and false` : sql` and m.group_id in ${filter}`;
  // Columns are qualified by hand: drizzle writes a lone table's columns bare, which the subquery would take for its own.
  return sql<string>`json_build_object(
      'object', 'directory_user', 'id', directory_users.id, 'directory_id', directory_users.directory_id,
      'organization_id', directory_users.organization_id, 'idp_id', coalesce(directory_users.external_id, directory_users.id),
      'email', directory_users.email, 'first_name', directory_users.first_name, 'last_name', directory_users.last_name,
      'state', case when directory_users.active then 'active' else 'inactive' end,
      'custom_attributes', directory_users.custom_attributes, 'raw_attributes', directory_users.raw_attributes,
      'created_at', ${isoTimestampText(sql`directory_users.created_at`)}, 'updated_at', ${isoTimestampText(sql`directory_users.updated_at`)},
      'groups', coalesce((
        select json_agg(json_build_object(
            'object', 'directory_group', 'id', g.id, 'idp_id', coalesce(g.external_id, g.id), 'directory_id', g.directory_id,
            'organization_id', g.organization_id, 'name', g.display_name, 'raw_attributes', g.raw_attributes,
            'created_at', ${isoTimestampText(sql`g.created_at`)}, 'updated_at', ${isoTimestampText(sql`g.updated_at`)}
          ) order by g.id)
        from directory_group_members m join directory_groups g on g.id = m.group_id
        where m.directory_id = directory_users.directory_id and m.user_id = directory_users.id${inScope}
      ), '[]'::json)
    )::text`;
}

/**
 * `GET /directory_users`: one page of a directory's (or a group's) users, each as its wire JSON text, ready
 * to be sent as it is.
 */
export async function listDirectoryUsersJson(ctx: ServiceContext, input: ListDirectoryUsersInput): Promise<Page<JsonText>> {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const params = parseInput(listDirectoryUsersSchema, input);
  if (!params.directory && !params.group) {
    throw new ValidationError([{ field: "directory", code: "directory_required", message: "pass directory or group" }]);
  }
  const { directory, groupId } = params.group
    ? await directoryOfGroup(ctx, params.group)
    : { directory: await findDirectoryRow(ctx, ctx.db, params.directory!), groupId: undefined };
  if (params.directory && directory.id !== params.directory) return { data: [], listMetadata: { before: null, after: null } };
  if (groupId && directory.groupFilter && !directory.groupFilter.includes(groupId)) throw new NotFoundError("directory_group", groupId);
  const search = params.search ? likePattern(params.search) : undefined;
  const where = and(
    eq(directoryUsers.directoryId, directory.id),
    userVisible(directory, ctx.db),
    groupId
      ? exists(
          ctx.db
            .select({ one: directoryGroupMembers.userId })
            .from(directoryGroupMembers)
            .where(and(eq(directoryGroupMembers.userId, directoryUsers.id), eq(directoryGroupMembers.groupId, groupId))),
        )
      : undefined,
    search
      ? or(
          ilike(directoryUsers.userName, search),
          ilike(directoryUsers.email, search),
          ilike(directoryUsers.firstName, search),
          ilike(directoryUsers.lastName, search),
        )
      : undefined,
  );
  const json = userWithGroupsJson(directory);
  const page = await paginate(directoryUsers.id, params, where, (w, orderBy, limit) =>
    ctx.db.select({ id: directoryUsers.id, json }).from(directoryUsers).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: page.data.map((row) => new JsonText(row.json)), listMetadata: page.listMetadata };
}

/** The same page as objects (the portal's and the dashboard's lists). */
export async function listDirectoryUsers(ctx: ServiceContext, input: ListDirectoryUsersInput): Promise<Page<DirectoryUserWithGroupsWire>> {
  const page = await listDirectoryUsersJson(ctx, input);
  return { data: page.data.map((item) => JSON.parse(item.text) as DirectoryUserWithGroupsWire), listMetadata: page.listMetadata };
}

export async function getDirectoryUser(ctx: ServiceContext, id: string): Promise<DirectoryUserWithGroupsWire> {
  const organizationId = requireScope(ctx, { intent: "dsync", role: "viewer" });
  const [row] = await ctx.db
    .select({ user: directoryUsers, directory: directories })
    .from(directoryUsers)
    .innerJoin(directories, eq(directories.id, directoryUsers.directoryId))
    .where(and(eq(directoryUsers.id, id), organizationId ? eq(directoryUsers.organizationId, organizationId) : undefined));
  if (!row) throw new NotFoundError("directory_user", id);
  const visible = userVisible(row.directory, ctx.db);
  if (visible) {
    const [still] = await ctx.db
      .select({ id: directoryUsers.id })
      .from(directoryUsers)
      .where(and(eq(directoryUsers.id, id), visible));
    if (!still) throw new NotFoundError("directory_user", id);
  }
  const [user] = await withGroups(ctx.db, row.directory, [row.user]);
  return user!;
}
