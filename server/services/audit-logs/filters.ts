import { and, eq, gte, inArray, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { auditLogEvents } from "@/db/schema";
import { ValidationError } from "@/server/errors";

const names = z.array(z.string().min(1).max(256)).max(50).optional();

/** The viewer's and the export's filters; the organization comes from the scope, never from here. */
export const auditLogFilterSchema = z.object({
  rangeStart: z.coerce.date().optional(),
  rangeEnd: z.coerce.date().optional(),
  actions: names,
  actorIds: names,
  actorNames: names,
  /** Target types, as WorkOS exports filter them. */
  targets: names,
  /** Free text over actor and target names and ids. */
  search: z.string().max(200).optional(),
});
export type AuditLogFilters = z.output<typeof auditLogFilterSchema>;

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function filterConditions(organizationId: string, f: AuditLogFilters): SQL {
  if (f.rangeStart && f.rangeEnd && f.rangeStart > f.rangeEnd) {
    throw new ValidationError([{ field: "range_start", code: "invalid", message: "must not be after range_end" }]);
  }
  const t = auditLogEvents;
  return and(
    eq(t.organizationId, organizationId),
    f.rangeStart ? gte(t.occurredAt, f.rangeStart) : undefined,
    f.rangeEnd ? lte(t.occurredAt, f.rangeEnd) : undefined,
    f.actions?.length ? inArray(t.action, f.actions) : undefined,
    f.actorIds?.length || f.actorNames?.length
      ? or(f.actorIds?.length ? inArray(t.actorId, f.actorIds) : undefined, f.actorNames?.length ? inArray(t.actorName, f.actorNames) : undefined)
      : undefined,
    f.targets?.length ? sql`exists (select 1 from jsonb_array_elements(${t.targets}) as target where target->>'type' in ${f.targets})` : undefined,
    f.search?.trim() ? sql`${t.searchText} like ${likePattern(f.search.trim())}` : undefined,
  )!;
}

/** Keyset cursor: the last row's (occurred_at, id), newest first. */
export function encodeCursor(row: { occurredAt: Date; id: string }): string {
  return Buffer.from(`${row.occurredAt.toISOString()}|${row.id}`, "utf8").toString("base64url");
}

export function afterCursor(cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const when = new Date(at ?? "");
  if (!id || Number.isNaN(when.getTime())) throw new ValidationError([{ field: "cursor", code: "invalid", message: "is not a cursor this list gave" }]);
  return sql`(${auditLogEvents.occurredAt}, ${auditLogEvents.id}) < (${when.toISOString()}::timestamptz, ${id})`;
}
