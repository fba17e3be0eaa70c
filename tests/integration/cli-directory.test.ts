import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite, openPostgres, runMigrations } from "@/db/client";
import { createOrganization } from "@/server/services/organizations";
import { scimClient } from "../support/scim";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

describe("create-directory", () => {
  let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  let organizationId: string;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    database = await freshDatabaseEnv();
    const handle = database.env.DATABASE_URL ? await openPostgres(database.env.DATABASE_URL) : await openPglite(path.resolve(database.env.DATA_DIR!));
    await runMigrations(handle);
    organizationId = (await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "CLI Org" })).id;
    await handle.close();
  });
  afterAll(async () => {
    if (server) await server.stop();
    else await database?.cleanup();
  });

  it("prints the directory JSON with its SCIM base URL and a token that works", async () => {
    const created = runCli(["create-directory", "--organization", organizationId, "--type", "okta"], database.env);
    expect(created.status, created.stderr).toBe(0);
    const directory = JSON.parse(created.stdout);
    expect(directory).toMatchObject({ object: "directory", organization_id: organizationId, type: "okta scim v2.0", state: "unlinked" });
    expect(directory.bearer_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bad = runCli(["create-directory", "--organization", organizationId, "--type", "ldap"], database.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("type");
    expect(runCli(["create-directory", "--type", "okta"], database.env).status).toBe(2);
    server = await startServer({ database });
    const scim = scimClient(`${server.url}/scim/v2/${directory.id}`, directory.bearer_token);
    expect((await scim("GET", "/Users")).status).toBe(200);
  });
});
