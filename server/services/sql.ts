import { getTableColumns, sql, type Column, type SQL, type Table } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** Rows of a raw statement; the two drivers wrap them differently. */
export async function execRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * A timestamp as text the way `Date#toISOString` writes it (UTC, milliseconds), for wire JSON the database
 * builds itself.
 */
export function isoTimestampText(column: SQL): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export interface TableReader<T extends Table> {
  /** The table's columns, each under its property name (`"directoryId"`), for a raw select list. */
  columns: SQL;
  /** A raw row of `columns` as the typed row drizzle's own select would give. */
  read(raw: Record<string, unknown>): T["$inferSelect"];
}

const readers = new WeakMap<Table, TableReader<Table>>();

/**
 * Reads whole rows of a table from a raw statement, converting each value the way the column's own type does
 * (dates, JSON, numbers). drizzle's select does the same through a per-field entity check that costs more than
 * the query itself on a page of a hundred wide rows.
 */
export function tableReader<T extends Table>(table: T): TableReader<T> {
  let reader = readers.get(table);
  if (!reader) {
    const entries = Object.entries(getTableColumns(table)) as [string, Column][];

    reader = {
      columns: sql.join(
        entries.map(([key, column]) => sql`${column} as ${sql.identifier(key)}`),
        sql`, `,
      ),
      read(raw) {
        const row: Record<string, unknown> = {};
        for (const [key, column] of entries) {
          const value = raw[key];
          row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
        }
        return row as Table["$inferSelect"];
      },
    };
    readers.set(table, reader);
  }
  return reader as unknown as TableReader<T>;
}
