import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "@/db/client";
import { shippedMigrations } from "@/db/schema-version";
import { createPostgresDatabase, localPostgresUrl } from "../support/db";
import { scimLoad } from "../support/load";
import { runCli, startServer, type RunningServer } from "../support/server";

// Several instances share one Postgres in every deployment that scales out, so these tests use the
// machine's Postgres whichever database the rest of the run tests.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function sharedDatabase() {
  const database = await createPostgresDatabase(localPostgresUrl);
  cleanups.push(database.drop);
  const env = { DATABASE_URL: database.url, JOB_POLL_INTERVAL_MS: "200" };
  return { env, url: database.url, handle: { env, cleanup: async () => {} } };
}

async function instance(database: Awaited<ReturnType<typeof sharedDatabase>>, port?: number): Promise<RunningServer> {
  const server = await startServer({ database: database.handle, port });
  cleanups.push(server.stop);
  return server;
}

describe("several instances on one Postgres", () => {
  it("migrates once when instances start together: the others wait and start on the migrated schema", { timeout: 120_000 }, async () => {
    const database = await sharedDatabase();
    const [a, b, c] = await Promise.all([instance(database), instance(database), instance(database)]);
    for (const server of [a!, b!, c!]) expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [row] = await sql`select count(*)::int as applied from drizzle.__drizzle_migrations`;
    await sql.end();
    expect(row!.applied).toBe(shippedMigrations(migrationsFolder()).length);
  });

  it("refuses to start an instance older than the database's schema, while running ones keep serving", { timeout: 120_000 }, async () => {
    const database = await sharedDatabase();
    const running = await instance(database);
    const latest = Math.max(...shippedMigrations(migrationsFolder()).map((e) => e.when));
    // What a newer version's migration leaves behind.
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-a-newer-version', ${latest + 60_000})`;
    await sql.end();

    // A rolling upgrade: the old instances serve until they are replaced.
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
    await expect(instance(database)).rejects.toThrow(/database schema is newer than this version of Portico/);
  });

  it("loses no request when two instances restart one after the other under SCIM load", { timeout: 240_000 }, async () => {
    const database = await sharedDatabase();
    const apiKey = runCli(["create-api-key", "--name", "rolling"], database.env).stdout.trim();
    let servers = [await instance(database), await instance(database)];
    const call = async (path: string, body: unknown) =>
      (await (
        await fetch(`${servers[0]!.url}${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    const organization = await call("/organizations", { name: "Rolling Org" });
    const created = await call("/directories", { organization_id: organization.id, type: "okta" });
    const directory = { id: created.id!, token: created.bearer_token! };

    const load = scimLoad(() => servers.map((s) => s.url), directory, 4);
    await new Promise((r) => setTimeout(r, 1000));
    for (const index of [0, 1]) {
      const old = servers[index]!;
      load.markSignal();
      process.kill(old.pid, "SIGTERM");
      expect(await old.exited).toBe(0);
      const replacement = await instance(database, old.port);
      servers = servers.map((s, i) => (i === index ? replacement : s));
      await new Promise((r) => setTimeout(r, 1000));
    }
    const report = await load.stop();

    expect(report.lost).toEqual([]);
    expect(Object.keys(report.statuses)).toEqual(["201"]);
    expect(report.answeredAcrossSignal).toBeGreaterThan(0);
    const list = await fetch(`${servers[0]!.url}/scim/v2/${directory.id}/Users?count=1`, { headers: { Authorization: `Bearer ${directory.token}` } });
    expect(((await list.json()) as { totalResults: number }).totalResults).toBe(report.created);
  });
});
