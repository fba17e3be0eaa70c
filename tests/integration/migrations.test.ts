import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "@/db/pglite-extensions";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder, openPostgres, runMigrations, type DbHandle } from "@/db/client";
import { shippedMigrations } from "@/db/schema-version";
import { listOrganizations } from "@/server/services/organizations";
import { createPostgresDatabase, usingPostgres } from "../support/db";

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The shipped migrations as a version that had only the first `count` of them would ship them. */
function firstMigrations(count: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), "portico-migrations-"));
  folders.push(folder);
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = { version: "7", dialect: "postgresql", entries: shippedMigrations(migrationsFolder()).slice(0, count) };
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe("migrations", () => {
  it("applies every migration, one release at a time, to a database holding data, and the data still reads", { timeout: 120_000 }, async () => {
    const total = shippedMigrations(migrationsFolder()).length;
    let handle: DbHandle;
    let migrateTo: (folder: string) => Promise<void>;
    let cleanup = async () => {};
    if (usingPostgres) {
      const database = await createPostgresDatabase();
      const client = postgres(database.url, { max: 1, onnotice: () => {} });
      migrateTo = (folder) => migratePostgres(drizzlePostgres(client), { migrationsFolder: folder });
      await migrateTo(firstMigrations(1));
      handle = await openPostgres(database.url, { max: 2 });
      cleanup = async () => {
        await client.end();
        await handle.close();
        await database.drop();
      };
    } else {
      const client = await PGlite.create({ extensions: pgliteExtensions });
      migrateTo = (folder) => migratePglite(drizzlePglite(client), { migrationsFolder: folder });
      await migrateTo(firstMigrations(1));
      const db = drizzlePglite(client) as unknown as DbHandle["db"];
      handle = {
        db,
        planOnce: db,
        kind: "pglite",
        poolSize: 1,
        maxConnections: 1,
        poolUsage: () => ({ inUse: 0, waiting: 0 }),
        close: () => client.close(),
        migrate: async () => {},
        listen: async () => {},
      };
      cleanup = () => client.close();
    }
    try {
      // Data as the first release wrote it.
      await handle.db.execute(sql`insert into organizations (id, name, external_id) values ('org_01MIGRATIONTEST', 'Carried Org', 'ext-1')`);
      await handle.db.execute(
        sql`insert into organization_domains (id, organization_id, domain, state, verification_strategy) values ('org_domain_01MIGRATIONTEST', 'org_01MIGRATIONTEST', 'carried.example', 'verified', 'manual')`,
      );
      for (let count = 2; count <= total; count++) await migrateTo(firstMigrations(count));
      // The server's own migrate (with its newer-schema check) finds nothing left to do.
      if (usingPostgres) await runMigrations(handle);
      const page = await listOrganizations({ db: handle.db, actor: { type: "system", reason: "migration test" } }, { limit: 10 });
      expect(page.data.map((o) => ({ id: o.id, name: o.name, external_id: o.external_id, domains: o.domains.map((d) => d.domain) }))).toEqual([
        { id: "org_01MIGRATIONTEST", name: "Carried Org", external_id: "ext-1", domains: ["carried.example"] },
      ]);
    } finally {
      await cleanup();
    }
  });
});
