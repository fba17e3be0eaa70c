import { and, asc, desc, gt, lt, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";

/** WorkOS list parameters: cursor ids, `desc` by default, limit 1..100 (10 by default). */
export const listParamsSchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(10),
  before: z.string().min(1).max(100).optional(),
  after: z.string().min(1).max(100).optional(),
  order: z.enum(["asc", "desc", "normal"]).default("desc"),
});
export type ListParams = z.input<typeof listParamsSchema>;

export interface Page<T> {
  data: T[];
  listMetadata: { before: string | null; after: string | null };
}

/**
 * Cursor pagination over a ULID primary key (creation order). `after` walks in the list's order,
 * `before` walks back. One extra row tells whether another page exists.
 */
export async function paginate<Row extends { id: string }>(
  idColumn: PgColumn,
  params: z.output<typeof listParamsSchema>,
  where: SQL | undefined,
  fetch: (where: SQL | undefined, orderBy: SQL, limit: number) => Promise<Row[]>,
): Promise<Page<Row>> {
  const descending = params.order === "desc";
  const backwards = Boolean(params.before) && !params.after;
  const cursor = backwards ? params.before : params.after;
  // Walking forward in desc order means smaller ids; walking back flips both.
  const towardSmaller = descending !== backwards;
  const cursorCondition = cursor ? (towardSmaller ? lt(idColumn, cursor) : gt(idColumn, cursor)) : undefined;
  const orderBy = towardSmaller ? desc(idColumn) : asc(idColumn);
  const rows = await fetch(and(where, cursorCondition), orderBy, params.limit + 1);
  const more = rows.length > params.limit;
  const page = rows.slice(0, params.limit);
  if (backwards) {
    page.reverse();
    return {
      data: page,
      listMetadata: { before: more && page[0] ? page[0].id : null, after: page.at(-1)?.id ?? null },
    };
  }
  return {
    data: page,
    listMetadata: {
      before: params.after && page[0] ? page[0].id : null,
      after: more && page.at(-1) ? page.at(-1)!.id : null,
    },
  };
}
