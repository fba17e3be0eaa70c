import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * An instance older than the database must not serve it: its queries would miss columns a newer
 * instance relies on, and drizzle's migrator silently skips a database that is ahead. The migrations
 * table records each applied migration's journal timestamp, so "ahead" means a timestamp this build
 * does not ship.
 */
class SchemaTooNewError extends Error {
  constructor(shipped: { count: number; latest: string }, appliedCount: number) {
    super(
      `The database schema is newer than this version of Portico: the database has ${appliedCount} migrations applied, ` +
        `this version ships ${shipped.count} (the latest is ${shipped.latest}). A newer Portico has upgraded this database: ` +
        `run that version (or newer) instead. Downgrading needs a restore from a backup taken before the upgrade.`,
    );
    this.name = "SchemaTooNewError";
  }
}

interface JournalEntry {
  when: number;
  tag: string;
}

export function shippedMigrations(folder: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return journal.entries;
}

type Query = (text: string) => Promise<Record<string, unknown>[]>;

/** The journal timestamps the database has applied; empty on a fresh database. */
export async function appliedMigrations(query: Query): Promise<number[]> {
  const [table] = await query(`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!table?.name) return [];
  const rows = await query(`select created_at::text as created_at from drizzle.__drizzle_migrations`);
  return rows.map((row) => Number(row.created_at));
}

export function assertSchemaNotNewer(folder: string, applied: number[]): void {
  const shipped = shippedMigrations(folder);
  const known = new Set(shipped.map((e) => e.when));
  const unknown = applied.filter((when) => !known.has(when));
  const latestShipped = Math.max(0, ...shipped.map((e) => e.when));
  if (unknown.some((when) => when > latestShipped)) {
    throw new SchemaTooNewError({ count: shipped.length, latest: shipped.at(-1)?.tag ?? "none" }, applied.length);
  }
}
