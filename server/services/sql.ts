import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** Rows of a raw statement; the two drivers wrap them differently. */
export async function execRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
