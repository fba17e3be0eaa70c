import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, runMigrations, type DbHandle } from "@/db/client";
import { pgliteTemplatePath } from "./paths";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Whether this process is a test worker, which the run's global setup gave its migrated templates. */
export const insideTestRun = Boolean(process.env.VITEST);

/** The machine's Postgres, for tests that need two instances on one database whatever this run tests. */
export const localPostgresUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A throwaway Postgres database on the TEST_DATABASE_URL server (empty unless migrated); dropped by the returned function. */
export async function createPostgresDatabase(
  adminUrl = process.env.TEST_DATABASE_URL!,
  options: { migrated?: boolean } = {},
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `portico_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  // Migrated: a copy of the template the global setup migrated on the TEST_DATABASE_URL server. Outside a
  // test run (a benchmark) there is none, and the database starts empty: the server or CLI migrates it.
  await admin.unsafe(options.migrated && insideTestRun ? `create database ${name} template ${inject("postgresTemplate")}` : `create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * A fresh, migrated database of the kind this run tests: PGlite in memory (from the template the
 * global setup made), or a new database on the TEST_DATABASE_URL server.
 */
export async function createTestDb(): Promise<DbHandle> {
  if (!usingPostgres) {
    const template = new Blob([readFileSync(pgliteTemplatePath)]);
    const handle = await openPglite("memory://", template);
    await runMigrations(handle);
    return handle;
  }
  const database = await createPostgresDatabase(undefined, { migrated: true });
  const handle = await openPostgres(database.url, { max: 5 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
