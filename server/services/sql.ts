import { sql, type SQL } from "drizzle-orm";
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
