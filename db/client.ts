import "server-only";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { env } from "@/server/env";
import * as schema from "./schema";
import { acquireDataDirLock } from "./lock";
import { appliedMigrations, assertSchemaNotNewer } from "./schema-version";

export type Schema = typeof schema;
/** Both drivers produce this type; services never know which one they talk to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  /** Connections this process may open at most (1 for the embedded database). */
  poolSize: number;
  close: () => Promise<void>;
  /** Applies the committed migrations. */
  migrate: () => Promise<void>;
  /** The embedded database's files as a gzipped tarball, taken between queries (PGlite runs one at a time). */
  dumpDataDir?: () => Promise<Blob>;
}

/** Migrations ship beside the app; resolved from the project root, not from the bundle. */
export function migrationsFolder(): string {
  let dir = process.cwd();
  for (;;) {
    const candidate = path.join(dir, "db", "migrations");
    if (existsSync(path.join(candidate, "meta", "_journal.json"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find db/migrations above ${process.cwd()}`);
    dir = parent;
  }
}

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<DbHandle> {
  const max = options.max ?? env().DATABASE_POOL_SIZE;
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return { db, kind: "postgres", poolSize: max, close: () => client.end({ timeout: 5 }), migrate: () => migratePostgresLocked(url) };
}

/** Several app instances may start at once against one Postgres: a session advisory lock serializes their migrations. */
async function migratePostgresLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    // Waiting here is the point: the first instance migrates, the others find nothing left to do.
    await client`select pg_advisory_lock(7426001)`;
    const folder = migrationsFolder();
    assertSchemaNotNewer(folder, await appliedMigrations((text) => client.unsafe(text)));
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: migrationsFolder() });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * PGlite has no lock of its own: two processes on one directory silently lose writes.
 * The lock file makes a second process fail at once, naming the process that holds it.
 */
export async function openPglite(dataDir: string | "memory://", loadDataDir?: Blob): Promise<DbHandle> {
  let release = () => {};
  let target: string = dataDir;
  if (dataDir !== "memory://") {
    const dir = path.resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    release = acquireDataDirLock(dir);
    target = path.join(dir, "pglite");
  }
  try {
    const client = await PGlite.create(target === "memory://" ? undefined : target, loadDataDir ? { loadDataDir } : {});
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      kind: "pglite",
      poolSize: 1,
      dumpDataDir: async () => (await client.dumpDataDir("gzip")) as Blob,
      close: async () => {
        await client.close();
        release();
      },
      migrate: async () => {
        const folder = migrationsFolder();
        assertSchemaNotNewer(folder, await appliedMigrations(async (text) => (await client.query<Record<string, unknown>>(text)).rows));
        await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

export function runMigrations(handle: DbHandle): Promise<void> {
  return handle.migrate();
}

type Holder = { promise?: Promise<DbHandle> };
const holder = ((globalThis as { __porticoDb?: Holder }).__porticoDb ??= {});

/** The process-wide database, migrated. One PGlite instance per process. */
export function getDbHandle(): Promise<DbHandle> {
  if (!holder.promise) {
    holder.promise = (async () => {
      const config = env();
      const handle = config.DATABASE_URL ? await openPostgres(config.DATABASE_URL) : await openPglite(config.DATA_DIR);
      try {
        await runMigrations(handle);
      } catch (error) {
        await handle.close();
        throw error;
      }
      return handle;
    })();
    // A failed open must not poison the process: the next call tries again.
    holder.promise.catch(() => {
      holder.promise = undefined;
    });
  }
  return holder.promise;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function closeDb(): Promise<void> {
  const pending = holder.promise;
  holder.promise = undefined;
  if (pending) await (await pending).close();
}
