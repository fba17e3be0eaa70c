import { and, eq, sql } from "drizzle-orm";
import { directoryGroups, type DirectoryGroupRow } from "@/db/schema";
import { ScimError, invalidValue } from "@/server/scim/errors";
import { getCi } from "@/server/scim/match";
import { applyPatch, memberDisplays, memberIds, touchesOnlyMembers, type MemberChange } from "@/server/scim/patch";
import { isPlainObject, normalizeResource, stringOrNull } from "@/server/scim/resource";
import { groupResource } from "@/server/scim/serialize";
import { newId } from "@/server/ids";
import { directoryGroupToWire } from "@/server/wire/directory-sync";
import { recordEvent } from "@/server/services/events/record";
import { previousAttributes } from "../events";
import { groupInScope, listPage, listPlan, membersOfGroups, type ListQuery, type ScimContext } from "./common";
import { groupFilterTarget } from "./filter-sql";
import { applyMemberChanges } from "./members";

const notFound = (id: string) => new ScimError(404, `Group ${id} not found.`);

function groupFields(resource: Record<string, unknown>) {
  const displayName = resource.displayName;
  if (typeof displayName !== "string" || !displayName.trim()) throw invalidValue("displayName is required.");
  if (displayName.length > 512) throw invalidValue("displayName is longer than 512 characters.");
  const { members: _members, ...raw } = resource;
  return { displayName, externalId: stringOrNull(raw.externalId), rawAttributes: { ...raw, displayName } };
}

/** `members` given in a POST or PUT body, as one "replace" change. */
function membersFromBody(body: unknown): MemberChange | null {
  const members = isPlainObject(body) ? getCi(body, "members") : undefined;
  if (members === undefined || members === null) return null;
  const list = Array.isArray(members) ? members : [members];
  const displays = memberDisplays(list);
  return { kind: "replace", ids: memberIds(list), ...(displays ? { displays } : {}) };
}

export async function renderGroups(ctx: ScimContext, rows: DirectoryGroupRow[], withMembers: boolean) {
  const members = withMembers
    ? await membersOfGroups(
        ctx.db,
        ctx.directory.id,
        rows.map((r) => r.id),
      )
    : null;
  return rows.map((row) => groupResource(row, members ? (members.get(row.id) ?? []) : null, ctx.baseUrl));
}

export async function listScimGroups(ctx: ScimContext, query: ListQuery, withMembers: boolean) {
  const plan = listPlan("Group", groupFilterTarget, query);
  const { rows, total } = await listPage(ctx.db, directoryGroups, ctx.directory.id, plan);
  return {
    resources: await renderGroups(ctx, rows, withMembers),
    total,
    startIndex: plan.startIndex,
  };
}

export async function findScimGroup(ctx: ScimContext, id: string, forUpdate = false): Promise<DirectoryGroupRow> {
  const query = ctx.db
    .select()
    .from(directoryGroups)
    .where(and(eq(directoryGroups.id, id), eq(directoryGroups.directoryId, ctx.directory.id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(id);
  return row;
}

/** Creates the group and its initial members. Caller runs it in a transaction. */
export async function createScimGroup(ctx: ScimContext, body: unknown): Promise<DirectoryGroupRow> {
  const fields = groupFields(normalizeResource("Group", body));
  const [row] = await ctx.db
    .insert(directoryGroups)
    .values({
      id: newId("directory_group"),
      organizationId: ctx.directory.organizationId,
      directoryId: ctx.directory.id,
      ...fields,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (groupInScope(ctx.directory, row!.id)) {
    await recordEvent(ctx.db, "dsync.group.created", directoryGroupToWire(row!), ctx.directory.organizationId, ctx.now);
  }
  const members = membersFromBody(body);
  if (members) await applyMemberChanges(ctx, row!, [members]);
  return row!;
}

async function saveGroup(ctx: ScimContext, current: DirectoryGroupRow, resource: Record<string, unknown>): Promise<DirectoryGroupRow> {
  const fields = groupFields(resource);
  const [updated] = await ctx.db
    .update(directoryGroups)
    .set({ ...fields, version: current.version + 1, updatedAt: ctx.now })
    .where(eq(directoryGroups.id, current.id))
    .returning();
  const after = directoryGroupToWire(updated!);
  const previous = previousAttributes({ ...directoryGroupToWire(current) }, { ...after });
  if (Object.keys(previous).length && groupInScope(ctx.directory, current.id)) {
    await recordEvent(ctx.db, "dsync.group.updated", { ...after, previous_attributes: previous }, ctx.directory.organizationId, ctx.now);
  }
  return updated!;
}

/** PUT replaces attributes; `members`, when present, replaces the membership (absent leaves it). */
export async function replaceScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<DirectoryGroupRow> {
  const resource = normalizeResource("Group", body);
  const current = await findScimGroup(ctx, id, true);
  const updated = await saveGroup(ctx, current, resource);
  const members = membersFromBody(body);
  if (members) await applyMemberChanges(ctx, updated, [members]);
  return updated;
}

/**
 * PATCH. Member-only PATCHes (what IdPs send most) bump the group's version first, which both locks
 * the row and returns it, and then change membership rows; others read, patch and save under a lock.
 */
export async function patchScimGroup(ctx: ScimContext, id: string, body: unknown): Promise<DirectoryGroupRow> {
  if (touchesOnlyMembers(body)) {
    const { members } = applyPatch("Group", {}, body);
    const [group] = await ctx.db
      .update(directoryGroups)
      .set({ version: sql`${directoryGroups.version} + 1`, updatedAt: ctx.now })
      .where(and(eq(directoryGroups.id, id), eq(directoryGroups.directoryId, ctx.directory.id)))
      .returning();
    if (!group) throw notFound(id);
    await applyMemberChanges(ctx, group, members);
    return group;
  }
  const current = await findScimGroup(ctx, id, true);
  const { resource, members } = applyPatch("Group", current.rawAttributes, body);
  const updated = await saveGroup(ctx, current, resource);
  await applyMemberChanges(ctx, updated, members);
  return updated;
}

export async function deleteScimGroup(ctx: ScimContext, id: string): Promise<void> {
  const [deleted] = await ctx.db
    .delete(directoryGroups)
    .where(and(eq(directoryGroups.id, id), eq(directoryGroups.directoryId, ctx.directory.id)))
    .returning();
  if (!deleted) throw notFound(id);
  if (groupInScope(ctx.directory, id)) {
    await recordEvent(ctx.db, "dsync.group.deleted", directoryGroupToWire(deleted), ctx.directory.organizationId, ctx.now);
  }
}
