import { and, eq, inArray, notInArray, sql } from "drizzle-orm";
import { directoryGroupMembers, directoryUsers, type DirectoryGroupRow, type DirectoryUserRow } from "@/db/schema";
import type { MemberChange } from "@/server/scim/patch";
import { directoryGroupToWire, directoryUserToWire } from "@/server/wire/directory-sync";
import { pendingEvent, recordEvents, type AnyPendingEvent } from "@/server/services/events/record";
import { execRows, groupInScope, usersInScope, type ScimContext } from "./common";

const maxMembersPerRequest = 10_000;

/** Rows of `select u.*` come back with SQL names; drizzle maps only its own query builder results. */
function userFromSql(r: Record<string, unknown>): DirectoryUserRow {
  return {
    id: r.id as string,
    organizationId: r.organization_id as string,
    directoryId: r.directory_id as string,
    userName: r.user_name as string,
    externalId: (r.external_id as string | null) ?? null,
    email: (r.email as string | null) ?? null,
    firstName: (r.first_name as string | null) ?? null,
    lastName: (r.last_name as string | null) ?? null,
    active: r.active as boolean,
    rawAttributes: (typeof r.raw_attributes === "string" ? JSON.parse(r.raw_attributes) : r.raw_attributes) as Record<string, unknown>,
    customAttributes: (typeof r.custom_attributes === "string" ? JSON.parse(r.custom_attributes) : r.custom_attributes) as Record<string, unknown>,
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)].slice(0, maxMembersPerRequest);
}

/** Adds members that exist in this directory (unknown ids are ignored, as IdPs expect); returns who was new. */
async function addMembers(ctx: ScimContext, groupId: string, ids: string[], displays?: Record<string, string>): Promise<DirectoryUserRow[]> {
  if (ids.length === 0) return [];
  const insert = ctx.db
    .insert(directoryGroupMembers)
    .select(
      ctx.db
        .select({
          organizationId: directoryUsers.organizationId,
          directoryId: directoryUsers.directoryId,
          groupId: sql<string>`${groupId}`.as("group_id"),
          userId: directoryUsers.id,
          display: displays ? sql<string>`(${JSON.stringify(displays)}::jsonb ->> ${directoryUsers.id})`.as("display") : sql<string>`null`.as("display"),
          createdAt: sql<Date>`${ctx.now.toISOString()}::timestamptz`.as("created_at"),
        })
        .from(directoryUsers)
        .where(and(eq(directoryUsers.directoryId, ctx.directory.id), inArray(directoryUsers.id, ids))),
    )
    .onConflictDoNothing()
    .returning({ userId: directoryGroupMembers.userId });
  const rows = await execRows<Record<string, unknown>>(
    ctx.db,
    sql`with ins as (${insert.getSQL()}) select u.* from ${directoryUsers} u join ins on ins.user_id = u.id`,
  );
  return rows.map(userFromSql);
}

async function removeMembers(ctx: ScimContext, groupId: string, ids: string[] | "all", keep?: string[]): Promise<DirectoryUserRow[]> {
  if (ids !== "all" && ids.length === 0) return [];
  const remove = ctx.db
    .delete(directoryGroupMembers)
    .where(
      and(
        eq(directoryGroupMembers.groupId, groupId),
        ids === "all" ? undefined : inArray(directoryGroupMembers.userId, ids),
        keep?.length ? notInArray(directoryGroupMembers.userId, keep) : undefined,
      ),
    )
    .returning({ userId: directoryGroupMembers.userId });
  const rows = await execRows<Record<string, unknown>>(
    ctx.db,
    sql`with del as (${remove.getSQL()}) select u.* from ${directoryUsers} u join del on del.user_id = u.id`,
  );
  return rows.map(userFromSql);
}

/**
 * Applies member changes in order, as rows (so concurrent PATCHes to one group never overwrite each
 * other), and emits `user_added` / `user_removed` for the net change when the group syncs.
 */
export async function applyMemberChanges(ctx: ScimContext, group: DirectoryGroupRow, changes: MemberChange[]): Promise<void> {
  const net = new Map<string, { user: DirectoryUserRow; added: boolean }>();
  const note = (users: DirectoryUserRow[], added: boolean) => {
    for (const user of users) {
      const prior = net.get(user.id);
      if (prior && prior.added !== added) net.delete(user.id);
      else net.set(user.id, { user, added });
    }
  };
  for (const change of changes) {
    if (change.kind === "add") note(await addMembers(ctx, group.id, unique(change.ids), change.displays), true);
    else if (change.kind === "remove") note(await removeMembers(ctx, group.id, unique(change.ids)), false);
    else if (change.kind === "removeAll") note(await removeMembers(ctx, group.id, "all"), false);
    else {
      const ids = unique(change.ids);
      note(await removeMembers(ctx, group.id, "all", ids), false);
      note(await addMembers(ctx, group.id, ids, change.displays), true);
    }
  }
  if (!groupInScope(ctx.directory, group.id) || net.size === 0) return;
  const groupWire = directoryGroupToWire(group);
  const organizationId = ctx.directory.organizationId;
  const pending: AnyPendingEvent[] = [];
  // Under a group filter, a user who joins a synced group and was in no other becomes visible now.
  const added = [...net.values()].filter((c) => c.added).map((c) => c.user);
  if (ctx.directory.groupFilter !== null && added.length) {
    const otherGroups = { ...ctx.directory, groupFilter: ctx.directory.groupFilter.filter((id) => id !== group.id) };
    const visibleBefore = await usersInScope(
      ctx.db,
      otherGroups,
      added.map((u) => u.id),
    );
    for (const user of added) if (!visibleBefore.has(user.id)) pending.push(pendingEvent("dsync.user.created", directoryUserToWire(user), organizationId));
  }
  for (const { user, added } of net.values()) {
    const data = { directory_id: ctx.directory.id, user: directoryUserToWire(user), group: groupWire };
    pending.push(added ? pendingEvent("dsync.group.user_added", data, organizationId) : pendingEvent("dsync.group.user_removed", data, organizationId));
  }
  await recordEvents(ctx.db, pending, ctx.now);
}
