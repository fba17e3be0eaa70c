import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directoryGroupMembers, directoryGroups, directoryUsers, type DirectoryRow } from "@/db/schema";
import { maxResults } from "@/server/scim/discovery";
import { ScimError } from "@/server/scim/errors";
import { parseFilter } from "@/server/scim/filter";
import { parseAttrPath } from "@/server/scim/paths";
import type { ResourceKind } from "@/server/scim/schemas";
import { execRows, tableReader } from "@/server/services/sql";
import { filterToSql, sortExpression, type FilterTarget } from "./filter-sql";

/** What every SCIM service call works with: the authenticated directory and the request's clock. */
export interface ScimContext {
  db: DbOrTx;
  directory: DirectoryRow;
  baseUrl: string;
  now: Date;
  /** The directory row came from this process's memory: writes that rely on it re-check it in SQL. */
  remembered?: boolean;
}

export interface ListQuery {
  filter?: string | null;
  startIndex?: string | null;
  count?: string | null;
  sortBy?: string | null;
  sortOrder?: string | null;
}

const defaultCount = 100;

interface ListPlan {
  where: SQL | undefined;
  orderBy: SQL[];
  offset: number;
  limit: number;
  startIndex: number;
}

function integerParam(value: string | null | undefined, name: string): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (!/^-?\d{1,12}$/.test(value.trim())) throw new ScimError(400, `${name} must be an integer.`, "invalidValue");
  return Number(value.trim());
}

/**
 * RFC 7644 §3.4.2.4: `startIndex` below 1 is read as 1; `count` below 0 as 0; above the maximum it is
 * capped (and `totalResults` still counts every match).
 */
export function listPlan(kind: ResourceKind, target: FilterTarget, query: ListQuery): ListPlan {
  const startIndex = Math.max(1, integerParam(query.startIndex, "startIndex") ?? 1);
  const count = Math.min(maxResults, Math.max(0, integerParam(query.count, "count") ?? defaultCount));
  const where = query.filter?.trim() ? filterToSql(target, parseFilter(kind, query.filter)) : undefined;
  const descending = (query.sortOrder ?? "").toLowerCase() === "descending";
  const idColumn = target.columns.id!.expr;
  const orderBy: SQL[] = [];
  if (query.sortBy) {
    const expr = sortExpression(target, parseAttrPath(kind, query.sortBy));
    orderBy.push(descending ? sqlDesc(expr) : sqlAsc(expr));
  }
  orderBy.push(sqlAsc(idColumn));
  return { where, orderBy, offset: startIndex - 1, limit: count, startIndex };
}

/**
 * One page of a directory's users or groups, and the count of every match. The count rides on the page
 * rows (computed once, not per row); past the last page, or with count=0, there are no rows to carry it:
 * it is counted on its own.
 */
export async function listPage<T extends typeof directoryUsers | typeof directoryGroups>(
  db: DbOrTx,
  table: T,
  directoryId: string,
  plan: ListPlan,
): Promise<{ rows: T["$inferSelect"][]; total: number }> {
  // Both tables share the columns used here; one of them stands for either in the query builder's types.
  const source = table as typeof directoryUsers;
  const where = and(eq(source.directoryId, directoryId), plan.where);
  const reader = tableReader(source);
  const page = plan.limit
    ? await execRows<Record<string, unknown>>(
        db,
        sql`select ${reader.columns}, (select count(*) from ${source} where ${where}) as "$total" from ${source} where ${where}
          order by ${sql.join(plan.orderBy, sql`, `)} limit ${plan.limit} offset ${plan.offset}`,
      )
    : [];
  const total =
    (page[0] ? Number(page[0].$total) : undefined) ??
    (
      await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(source)
        .where(where)
    )[0]!.n;
  return { rows: page.map((raw) => reader.read(raw) as T["$inferSelect"]), total };
}

const sqlAsc = (e: SQL) => sql`${e} asc nulls last`;
const sqlDesc = (e: SQL) => sql`${e} desc nulls last`;

/** The groups of each listed user, in one query. */
export async function groupsOfUsers(db: DbOrTx, directoryId: string, userIds: string[]) {
  const byUser = new Map<string, { id: string; displayName: string }[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .select({ userId: directoryGroupMembers.userId, id: directoryGroups.id, displayName: directoryGroups.displayName })
    .from(directoryGroupMembers)
    .innerJoin(directoryGroups, eq(directoryGroups.id, directoryGroupMembers.groupId))
    .where(and(eq(directoryGroupMembers.directoryId, directoryId), inArray(directoryGroupMembers.userId, userIds)))
    .orderBy(directoryGroups.id);
  for (const row of rows) {
    const list = byUser.get(row.userId) ?? [];
    list.push({ id: row.id, displayName: row.displayName });
    byUser.set(row.userId, list);
  }
  return byUser;
}

/** The members of each listed group, in one query. */
export async function membersOfGroups(db: DbOrTx, directoryId: string, groupIds: string[]) {
  const byGroup = new Map<string, { id: string; userName: string; display: string | null }[]>();
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({ groupId: directoryGroupMembers.groupId, id: directoryUsers.id, userName: directoryUsers.userName, display: directoryGroupMembers.display })
    .from(directoryGroupMembers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, directoryGroupMembers.userId))
    .where(and(eq(directoryGroupMembers.directoryId, directoryId), inArray(directoryGroupMembers.groupId, groupIds)))
    .orderBy(directoryUsers.id);
  for (const id of groupIds) byGroup.set(id, []);
  for (const row of rows) byGroup.get(row.groupId)!.push({ id: row.id, userName: row.userName, display: row.display });
  return byGroup;
}

/** Whether changes to these users are visible through the API (and so emit events) under the group filter. */
export async function usersInScope(db: DbOrTx, directory: DirectoryRow, userIds: string[]): Promise<Set<string>> {
  if (directory.groupFilter === null) return new Set(userIds);
  if (userIds.length === 0 || directory.groupFilter.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ userId: directoryGroupMembers.userId })
    .from(directoryGroupMembers)
    .where(and(inArray(directoryGroupMembers.userId, userIds), inArray(directoryGroupMembers.groupId, directory.groupFilter)));
  return new Set(rows.map((r) => r.userId));
}

export function groupInScope(directory: DirectoryRow, groupId: string): boolean {
  return directory.groupFilter === null || directory.groupFilter.includes(groupId);
}

export { execRows } from "@/server/services/sql";
