import { and, count, eq, exists, inArray, not, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { directories, directoryGroupMembers, directoryGroups, directoryUsers, type DirectoryRow } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import { customAttributeNamePattern, customAttributesOf, validateAttributePath } from "@/server/scim/attribute-map";
import { ScimError } from "@/server/scim/errors";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { pendingEvent, recordEvents } from "@/server/services/events/record";
import { directoryUserToWire } from "@/server/wire/directory-sync";
import { parseInput } from "@/server/services/validate";
import { directoryWire, findDirectoryRow } from "./access";
import { userVisible } from "./api-users";
import { scimBaseUrl } from "./directories";
import { directoryActivity, lastSyncAt, listDirectoryRequests } from "./request-log";
import { requireScope } from "@/server/services/scope";

const attributeMapSchema = z
  .record(z.string().regex(customAttributeNamePattern, "names are lower-case letters, digits and _"), z.string().trim().min(1).max(300))
  .refine((map) => Object.keys(map).length <= 50, "at most 50 custom attributes");

/** Saves the attribute map and recomputes every user's custom attributes under it, in one transaction. */
export async function updateAttributeMap(ctx: ServiceContext, directoryId: string, input: unknown) {
  requireScope(ctx, { intent: "dsync", role: "admin" });
  const map = parseInput(attributeMapSchema, input);
  for (const [name, path] of Object.entries(map)) {
    try {
      validateAttributePath(path);
    } catch (error) {
      if (error instanceof ScimError) throw new ValidationError([{ field: name, code: `${name}_invalid`, message: error.message }]);
      throw error;
    }
  }
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await findDirectoryRow(ctx, tx, directoryId, { forUpdate: true });
    await tx.update(directories).set({ attributeMap: map, updatedAt: now }).where(eq(directories.id, directoryId));
    let after = "";
    for (;;) {
      const batch = await tx
        .select({ id: directoryUsers.id, raw: directoryUsers.rawAttributes })
        .from(directoryUsers)
        .where(and(eq(directoryUsers.directoryId, directoryId), sql`${directoryUsers.id} > ${after}`))
        .orderBy(directoryUsers.id)
        .limit(500);
      if (batch.length === 0) break;
      const values = batch.map((u) => sql`(${u.id}, ${JSON.stringify(customAttributesOf(u.raw, map))}::jsonb)`);
      await tx.execute(
        sql`update ${directoryUsers} set custom_attributes = v.attrs from (values ${sql.join(values, sql`, `)}) as v(id, attrs) where ${directoryUsers.id} = v.id`,
      );
      after = batch.at(-1)!.id;
    }
  });
  return map;
}

/** Which groups sync: null for all of them, else the chosen groups (which must be this directory's). */
export async function updateGroupFilter(ctx: ServiceContext, directoryId: string, groupIds: string[] | null) {
  requireScope(ctx, { intent: "dsync", role: "admin" });
  const ids = groupIds === null ? null : parseInput(z.array(z.string().min(1).max(100)).max(5000), groupIds);
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, directoryId, { forUpdate: true });
    let chosen: string[] | null = null;
    if (ids) {
      const found = ids.length
        ? await tx
            .select({ id: directoryGroups.id })
            .from(directoryGroups)
            .where(and(eq(directoryGroups.directoryId, directoryId), inArray(directoryGroups.id, ids)))
        : [];
      const missing = ids.filter((id) => !found.some((f) => f.id === id));
      if (missing.length)
        throw new ValidationError([{ field: "groups", code: "groups_invalid", message: `not groups of this directory: ${missing.join(", ")}` }]);
      chosen = [...new Set(ids)];
    }
    await tx
      .update(directories)
      .set({ groupFilter: chosen, updatedAt: nowOf(ctx) })
      .where(eq(directories.id, directoryId));
    await recordVisibilityChanges(tx, row, chosen, nowOf(ctx));
  });
}

/**
 * The API shows only users in synced groups, so a new filter makes some users appear
 * (`dsync.user.created`) and others disappear (`dsync.user.deleted`), as if they had been provisioned
 * or deprovisioned.
 */
async function recordVisibilityChanges(tx: DbOrTx, row: DirectoryRow, next: string[] | null, now: Date) {
  const inGroups = (groups: string[]) =>
    groups.length
      ? exists(
          tx
            .select({ one: sql`1` })
            .from(directoryGroupMembers)
            .where(and(eq(directoryGroupMembers.userId, directoryUsers.id), inArray(directoryGroupMembers.groupId, groups))),
        )
      : sql`false`;
  const visible = (filter: string[] | null) => (filter === null ? sql`true` : inGroups(filter));
  const [appeared, vanished] = await Promise.all([
    tx
      .select()
      .from(directoryUsers)
      .where(and(eq(directoryUsers.directoryId, row.id), visible(next), not(visible(row.groupFilter)))),
    tx
      .select()
      .from(directoryUsers)
      .where(and(eq(directoryUsers.directoryId, row.id), visible(row.groupFilter), not(visible(next)))),
  ]);
  await recordEvents(
    tx,
    [
      ...appeared.map((u) => pendingEvent("dsync.user.created", directoryUserToWire(u), row.organizationId)),
      ...vanished.map((u) => pendingEvent("dsync.user.deleted", { ...directoryUserToWire(u), state: "inactive" }, row.organizationId)),
    ],
    now,
  );
}

/** What the directory screens show: the directory, counts of what syncs, last sync, activity, recent requests. */
export async function getDirectoryOverview(ctx: ServiceContext, directoryId: string) {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const row = await findDirectoryRow(ctx, ctx.db, directoryId);
  const [users] = await ctx.db
    .select({ n: count() })
    .from(directoryUsers)
    .where(and(eq(directoryUsers.directoryId, directoryId), userVisible(row, ctx.db)));
  const [groups] = await ctx.db.select({ n: count() }).from(directoryGroups).where(eq(directoryGroups.directoryId, directoryId));
  return {
    directory: await directoryWire(ctx.db, row),
    scimBaseUrl: scimBaseUrl(row.id),
    userCount: users?.n ?? 0,
    groupCount: groups?.n ?? 0,
    syncedGroupCount: row.groupFilter === null ? (groups?.n ?? 0) : row.groupFilter.length,
    groupFilter: row.groupFilter,
    attributeMap: row.attributeMap,
    failedAuthCount: row.failedAuthCount,
    lastSyncAt: await lastSyncAt(ctx.db, directoryId),
    activity: await directoryActivity(ctx, directoryId),
    recentRequests: await listDirectoryRequests(ctx, directoryId, 20),
  };
}

/** Every group of the directory with whether it syncs, for "Edit groups sync". */
export async function listGroupChoices(ctx: ServiceContext, directoryId: string) {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const row = await findDirectoryRow(ctx, ctx.db, directoryId);
  const groups = await ctx.db
    .select({ id: directoryGroups.id, name: directoryGroups.displayName })
    .from(directoryGroups)
    .where(eq(directoryGroups.directoryId, directoryId))
    .orderBy(directoryGroups.displayName)
    .limit(5000);
  return groups.map((g) => ({ ...g, selected: row.groupFilter === null || row.groupFilter.includes(g.id) }));
}
