import { and, eq, sql } from "drizzle-orm";
import { directories, directoryUsers, type DirectoryUserRow } from "@/db/schema";
import { customAttributesOf } from "@/server/scim/attribute-map";
import { ScimError, invalidValue } from "@/server/scim/errors";
import { applyPatch } from "@/server/scim/patch";
import { normalizeResource, primaryEmail, stringOrNull } from "@/server/scim/resource";
import { userResource } from "@/server/scim/serialize";
import { newId } from "@/server/ids";
import { directoryUserToWire } from "@/server/wire/directory-sync";
import { notifyJobWorkers, recordEvent } from "@/server/services/events/record";
import { userCreatedEventSql } from "./user-created";
import { previousAttributes } from "../events";
import { directoryUnchanged, StaleDirectoryError } from "./auth";
import { execRows, groupsOfUsers, listPage, listPlan, usersInScope, type ListQuery, type ScimContext } from "./common";
import { userFilterTarget } from "./filter-sql";
import { isUniqueViolation } from "@/server/services/pg-errors";

const notFound = (id: string) => new ScimError(404, `User ${id} not found.`);
const duplicate = (userName: string) => new ScimError(409, `A user with userName '${userName}' already exists in this directory.`, "uniqueness");

/** The stored columns a resource implies. userName is required (RFC 7643 §4.1.1). */
function userFields(ctx: ScimContext, resource: Record<string, unknown>) {
  const userName = resource.userName;
  if (typeof userName !== "string" || !userName.trim()) throw invalidValue("userName is required.");
  if (userName.length > 512) throw invalidValue("userName is longer than 512 characters.");
  const active = typeof resource.active === "boolean" ? resource.active : true;
  const raw: Record<string, unknown> = { ...resource, userName, active };
  const name = (typeof raw.name === "object" && raw.name ? raw.name : {}) as Record<string, unknown>;
  return {
    userName,
    externalId: stringOrNull(raw.externalId),
    email: primaryEmail(raw),
    firstName: stringOrNull(name.givenName),
    lastName: stringOrNull(name.familyName),
    active,
    rawAttributes: raw,
    customAttributes: customAttributesOf(raw, ctx.directory.attributeMap),
  };
}

export async function renderUsers(ctx: ScimContext, rows: DirectoryUserRow[], withGroups = true) {
  const groups = withGroups
    ? await groupsOfUsers(
        ctx.db,
        ctx.directory.id,
        rows.map((r) => r.id),
      )
    : new Map<string, never[]>();
  return rows.map((row) => userResource(row, groups.get(row.id) ?? [], ctx.baseUrl));
}

export async function listScimUsers(ctx: ScimContext, query: ListQuery) {
  const plan = listPlan("User", userFilterTarget, query);
  const { rows, total } = await listPage(ctx.db, directoryUsers, ctx.directory.id, plan);
  return {
    resources: await renderUsers(ctx, rows),
    total,
    startIndex: plan.startIndex,
  };
}

export async function findScimUser(ctx: ScimContext, id: string, forUpdate = false): Promise<DirectoryUserRow> {
  const query = ctx.db
    .select()
    .from(directoryUsers)
    .where(and(eq(directoryUsers.id, id), eq(directoryUsers.directoryId, ctx.directory.id)));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound(id);
  return row;
}

const directoryRowCheck = (ctx: ScimContext) => (ctx.remembered ? directoryUnchanged(ctx.directory) : eq(directories.id, ctx.directory.id));

/**
 * One statement: the insert and its `dsync.user.created` event land together, and a duplicate
 * userName (case-insensitive, even between concurrent requests) inserts nothing and answers 409.
 * The row is selected from `directories`, so a directory remembered from an earlier request (see
 * `recentDirectory`) is checked in the same statement: if it changed, nothing is written and
 * StaleDirectoryError sends the request back to authenticate against the database.
 */
export async function createScimUser(ctx: ScimContext, body: unknown): Promise<DirectoryUserRow> {
  const fields = userFields(ctx, normalizeResource("User", body));
  const row: DirectoryUserRow = {
    id: newId("directory_user"),
    organizationId: ctx.directory.organizationId,
    directoryId: ctx.directory.id,
    ...fields,
    version: 1,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const at = sql`${ctx.now.toISOString()}::timestamptz`;
  const values = ctx.db
    .select({
      id: sql`${row.id}`.as("id"),
      organizationId: sql`${row.organizationId}`.as("organization_id"),
      directoryId: sql`${row.directoryId}`.as("directory_id"),
      userName: sql`${row.userName}`.as("user_name"),
      externalId: sql`${row.externalId}::text`.as("external_id"),
      email: sql`${row.email}::text`.as("email"),
      firstName: sql`${row.firstName}::text`.as("first_name"),
      lastName: sql`${row.lastName}::text`.as("last_name"),
      active: sql`${row.active}::boolean`.as("active"),
      rawAttributes: sql`${JSON.stringify(row.rawAttributes)}::jsonb`.as("raw_attributes"),
      customAttributes: sql`${JSON.stringify(row.customAttributes)}::jsonb`.as("custom_attributes"),
      version: sql`1`.as("version"),
      createdAt: at.as("created_at"),
      updatedAt: at.as("updated_at"),
    })
    .from(directories)
    .where(directoryRowCheck(ctx));
  const insert = ctx.db.insert(directoryUsers).select(values).onConflictDoNothing().returning({ id: directoryUsers.id });
  // Under a group filter a new user belongs to no group yet, so is not visible: no event until it joins one.
  const event = ctx.directory.groupFilter === null ? userCreatedEventSql(row, at) : { ctes: sql``, queued: sql`0` };
  const current = sql`(select count(*) from ${directories} where ${directoryRowCheck(ctx)})::int`;
  const [result] = await execRows<{ n: number; current: number; queued: number }>(
    ctx.db,
    sql`with ins as (${insert.getSQL()})${event.ctes} select (select count(*) from ins)::int as n, ${current} as current, ${event.queued} as queued`,
  );
  if (Number(result?.queued ?? 0) > 0) await notifyJobWorkers(ctx.db);
  if (Number(result?.n ?? 0) > 0) return row;
  if (Number(result?.current ?? 0) === 0) throw new StaleDirectoryError(ctx.directory.id);
  throw duplicate(fields.userName);
}

async function saveUser(ctx: ScimContext, current: DirectoryUserRow, resource: Record<string, unknown>): Promise<DirectoryUserRow> {
  const fields = userFields(ctx, resource);
  let updated: DirectoryUserRow | undefined;
  try {
    [updated] = await ctx.db
      .update(directoryUsers)
      .set({ ...fields, version: current.version + 1, updatedAt: ctx.now })
      .where(eq(directoryUsers.id, current.id))
      .returning();
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields.userName);
    throw error;
  }
  const before = directoryUserToWire(current);
  const after = directoryUserToWire(updated!);
  const previous = previousAttributes({ ...before }, { ...after });
  if (Object.keys(previous).length && (await usersInScope(ctx.db, ctx.directory, [current.id])).has(current.id)) {
    await recordEvent(ctx.db, "dsync.user.updated", { ...after, previous_attributes: previous }, ctx.directory.organizationId, ctx.now);
  }
  return updated!;
}

/** PUT replaces every attribute the client may write (RFC 7644 §3.5.1). Caller runs it in a transaction. */
export async function replaceScimUser(ctx: ScimContext, id: string, body: unknown): Promise<DirectoryUserRow> {
  const resource = normalizeResource("User", body);
  const current = await findScimUser(ctx, id, true);
  return saveUser(ctx, current, resource);
}

/** PATCH under a row lock, so concurrent PATCHes of one user apply one after the other. */
export async function patchScimUser(ctx: ScimContext, id: string, body: unknown): Promise<DirectoryUserRow> {
  const current = await findScimUser(ctx, id, true);
  const { resource } = applyPatch("User", current.rawAttributes, body);
  return saveUser(ctx, current, resource);
}

export async function deleteScimUser(ctx: ScimContext, id: string): Promise<void> {
  const inScope = (await usersInScope(ctx.db, ctx.directory, [id])).has(id);
  const [deleted] = await ctx.db
    .delete(directoryUsers)
    .where(and(eq(directoryUsers.id, id), eq(directoryUsers.directoryId, ctx.directory.id)))
    .returning();
  if (!deleted) throw notFound(id);
  if (inScope) {
    await recordEvent(ctx.db, "dsync.user.deleted", { ...directoryUserToWire(deleted), state: "inactive" }, ctx.directory.organizationId, ctx.now);
  }
}
