import { and, eq, exists, ilike, inArray, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories, directoryGroupMembers, directoryGroups, directoryUsers, type DirectoryRow, type DirectoryUserRow } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { directoryGroupToWire, directoryUserToWire, type DirectoryUserWithGroupsWire } from "@/server/wire/directory-sync";
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

export async function listDirectoryUsers(ctx: ServiceContext, input: ListDirectoryUsersInput): Promise<Page<DirectoryUserWithGroupsWire>> {
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
  const page = await paginate(directoryUsers.id, params, where, (w, orderBy, limit) =>
    ctx.db.select().from(directoryUsers).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: await withGroups(ctx.db, directory, page.data), listMetadata: page.listMetadata };
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
