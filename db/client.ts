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
import { describeChanges, restrictUmask, secureDataDir } from "./data-dir";
import { acquireDataDirLock } from "./lock";
import { pgliteExtensions } from "./pglite-extensions";
import { PoolDemand, type PoolUsage } from "./pool-usage";
import { appliedMigrations, assertSchemaNotNewer } from "./schema-version";

export type Schema = typeof schema;
/** Both drivers produce this type; services never know which one they talk to. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  /**
   * For statements whose best plan never depends on their values (a key looked up by hash, a row inserted):
   * on Postgres they run on connections of their own that keep one generic plan per statement, where `db`
   * plans every execution for its values (as a tenant of ten rows and one of a million need). The embedded
   * database has one connection: there it is `db`.
   */
  planOnce: Db;
  kind: "pglite" | "postgres";
  /** Connections `db` may open at most (1 for the embedded database); on Postgres `planOnce` may open as many again. */
  poolSize: number;
  /** Connections this process may open at most, `db`'s and `planOnce`'s together. */
  maxConnections: number;
  /** Connections busy now and statements waiting for one (for /metrics). */
  poolUsage: () => PoolUsage;
  close: () => Promise<void>;
  /** Applies the committed migrations. */
  migrate: () => Promise<void>;
  /** Calls `onMessage` with the payload of each NOTIFY on `channel` (delivered when the notifying transaction commits). */
  listen: (channel: string, onMessage: (payload: string) => void) => Promise<void>;
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
  // JIT compilation pays off only for long analytic queries; for a page of rows it costs more than the query
  // (tens of ms for a plan whose estimate crosses jit_above_cost), so it is off for the app's connections.
  // Each statement is planned for its own values (`force_custom_plan`): a plan kept for a prepared statement
  // would serve a tenant of ten rows and one of a million alike.
  const client = postgres(url, { max, onnotice: () => {}, connection: { jit: "off", plan_cache_mode: "force_custom_plan" } });
  const demand = new PoolDemand(max);
  countingDemand(client, demand);
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  // Opened lazily, connection by connection, only by the routes that use it.
  const planOnceClient = postgres(url, { max, onnotice: () => {}, connection: { jit: "off", plan_cache_mode: "force_generic_plan" } });
  const planOnceDemand = new PoolDemand(max);
  countingDemand(planOnceClient, planOnceDemand);
  const planOnce = drizzlePostgres(planOnceClient, { schema }) as unknown as Db;
  return {
    db,
    planOnce,
    kind: "postgres",
    poolSize: max,
    maxConnections: 2 * max,
    poolUsage: () => {
      const [main, other] = [demand.usage(), planOnceDemand.usage()];
      return { inUse: main.inUse + other.inUse, waiting: main.waiting + other.waiting };
    },
    close: async () => {
      await Promise.all([client.end({ timeout: 5 }), planOnceClient.end({ timeout: 5 })]);
    },
    migrate: () => migratePostgresLocked(url),
    // postgres.js keeps one dedicated connection for LISTEN and re-listens after reconnecting.
    listen: async (channel, onMessage) => void (await client.listen(channel, onMessage)),
  };
}

/**
 * Statements go prepared; each one outside a transaction takes a connection while it runs, and a transaction
 * holds one throughout (the statements inside it go through the transaction's own handle, uncounted).
 */
function countingDemand(client: postgres.Sql, demand: PoolDemand): void {
  preparingStatements(client);
  const unsafe = client.unsafe.bind(client);
  const begin = client.begin.bind(client);
  client.unsafe = ((...args: Parameters<typeof unsafe>) => demand.lazy(unsafe(...args))) as typeof client.unsafe;
  client.begin = ((...args: unknown[]) => demand.around(() => (begin as (...a: unknown[]) => Promise<unknown>)(...args))) as typeof client.begin;
}

type SqlHandle = Pick<postgres.Sql, "unsafe"> & { begin?: unknown; savepoint?: unknown };

/**
 * drizzle sends every statement unprepared, and postgres.js then asks Postgres for an unprepared statement's
 * parameter types before it can send the values: two round trips (and two socket writes) per statement.
 * Prepared, a statement is described once per connection and from then on costs one round trip. The same
 * goes for the handles postgres.js gives transactions and savepoints.
 */
function preparingStatements(handle: SqlHandle): void {
  const unsafe = handle.unsafe.bind(handle);
  handle.unsafe = ((query: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) =>
    params?.length
      ? unsafe(query, params as postgres.ParameterOrJSON<never>[], { ...options, prepare: true })
      : unsafe(query, params as [], options)) as typeof handle.unsafe;
  for (const method of ["begin", "savepoint"] as const) {
    const open = handle[method];
    if (typeof open !== "function") continue;
    handle[method] = (...args: unknown[]) => {
      const last = args.length - 1;
      const body = args[last] as (inner: SqlHandle) => unknown;
      args[last] = (inner: SqlHandle) => {
        preparingStatements(inner);
        return body(inner);
      };
      return (open as (...a: unknown[]) => unknown).apply(handle, args);
    };
  }
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
 * The lock (db/lock.ts) makes a second process fail at once, naming the process that holds it.
 */
export async function openPglite(dataDir: string | "memory://", loadDataDir?: Blob): Promise<DbHandle> {
  let release = () => {};
  let target: string = dataDir;
  // PGlite's file system layer sets its own modes (666) on the files it creates: tighten them after it writes.
  let tighten = () => {};
  if (dataDir !== "memory://") {
    const dir = path.resolve(dataDir);
    restrictUmask();
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    release = await acquireDataDirLock(dir);
    target = path.join(dir, "pglite");
    tighten = () => void secureDataDir(dir);
    try {
      const changed = secureDataDir(dir);
      if (changed.length) console.warn(describeChanges(dir, changed));
    } catch (error) {
      release();
      throw error;
    }
  }
  try {
    const client = await PGlite.create(target === "memory://" ? undefined : target, { extensions: pgliteExtensions, ...(loadDataDir ? { loadDataDir } : {}) });
    tighten();
    // One connection: every statement or transaction beyond the one running waits its turn.
    const demand = new PoolDemand(1);
    for (const method of ["query", "exec", "transaction"] as const) {
      const original = (client[method] as (...args: unknown[]) => Promise<unknown>).bind(client);
      (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => demand.around(() => original(...args));
    }
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      planOnce: db,
      kind: "pglite",
      poolSize: 1,
      maxConnections: 1,
      poolUsage: () => demand.usage(),
      dumpDataDir: async () => (await client.dumpDataDir("gzip")) as Blob,
      close: async () => {
        await client.close();
        try {
          tighten();
        } finally {
          release();
        }
      },
      migrate: async () => {
        const folder = migrationsFolder();
        assertSchemaNotNewer(folder, await appliedMigrations(async (text) => (await client.query<Record<string, unknown>>(text)).rows));
        await migratePglite(drizzlePglite(client), { migrationsFolder: folder });
        tighten();
      },
      listen: async (channel, onMessage) => void (await client.listen(channel, onMessage)),
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
