import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { directories } from "@/db/schema";
import { handleScimRequest } from "@/server/api/scim-route";
import type { ServiceContext } from "@/server/services/context";
import { createDirectory } from "@/server/services/directory-sync";
import { BAD_TOKENS_PER_DIRECTORY } from "@/server/services/directory-sync/scim/auth";
import { createOrganization } from "@/server/services/organizations";
import { createTestDb } from "../support/db";
import { scimClient, startScimTestServer, type ScimTestServer } from "../support/scim";

/**
 * Someone who knows a directory's SCIM URL hammers it with wrong tokens while the real IdP keeps
 * syncing: the flood is answered 429 once past the limit, writes stay bounded, and the real token works.
 */
describe("a flood of bad SCIM tokens over HTTP", () => {
  let t: ScimTestServer;
  beforeAll(async () => {
    t = await startScimTestServer();
  });
  afterAll(async () => {
    await t?.server.stop();
  });

  it("answers 429 past the limit while the real token keeps working throughout", async () => {
    const d = await t.newDirectory();
    const attacker = scimClient(d.baseUrl, "guessed-token");
    // Failures are counted per minute: start the flood with most of a minute left, so it is counted in one.
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
    const bad: { status: number; retryAfter: string | null }[] = [];
    const real: number[] = [];
    const started = Date.now();
    for (let round = 0; round < 10; round++) {
      // Twenty wrong tokens at once, and the IdP's own request in the middle of them.
      const flood = Array.from({ length: 20 }, () => attacker("GET", "/Users"));
      const own = d.scim("GET", "/Users");
      for (const reply of await Promise.all(flood)) bad.push({ status: reply.status, retryAfter: reply.headers.get("retry-after") });
      real.push((await own).status);
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(real).toEqual(Array(10).fill(200));
    const unauthorized = bad.filter((b) => b.status === 401).length;
    const limited = bad.filter((b) => b.status === 429);
    // A burst may slip a few past the check before its count lands; never the whole flood.
    expect(unauthorized).toBeLessThanOrEqual(BAD_TOKENS_PER_DIRECTORY + 20);
    expect(unauthorized + limited.length).toBe(200);
    expect(limited.length).toBeGreaterThanOrEqual(140);
    for (const reply of limited) expect(Number(reply.retryAfter)).toBeGreaterThanOrEqual(1);
    const refused = await attacker("GET", "/Users");
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "429" });
    // The IdP's last request was good: the directory shows as linked, not "invalid credentials".
    expect((await d.scim("GET", "/Users")).status).toBe(200);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("linked");
  });
});

describe("what a flood of bad SCIM tokens writes", () => {
  let handle: DbHandle;
  let system: ServiceContext;
  beforeAll(async () => {
    handle = await createTestDb();
    system = { db: handle.db, actor: { type: "system", reason: "test" } };
    // Counts every write to a directory row, as the database sees them.
    await handle.db.execute(sql.raw(`create table directory_row_writes (directory_id text not null)`));
    await handle.db.execute(
      sql.raw(
        `create function count_directory_row_write() returns trigger language plpgsql as $$ begin insert into directory_row_writes values (new.id); return new; end $$`,
      ),
    );
    await handle.db.execute(
      sql.raw(`create trigger directory_row_writes after update on directories for each row execute function count_directory_row_write()`),
    );
  });
  afterAll(async () => {
    await handle?.close();
  });

  async function request(directoryId: string, token: string, from: string) {
    const response = await handleScimRequest(
      handle.db,
      new Request(`http://localhost/scim/v2/${directoryId}/Users`, { headers: { Authorization: `Bearer ${token}`, "X-Forwarded-For": from } }),
      { directoryId, path: ["Users"] },
    );
    return response.status;
  }

  it("touches the directory row a bounded number of times, and never refuses the real token", async () => {
    const organization = await createOrganization(system, { name: "Hammered Co" });
    const directory = await createDirectory(system, { organizationId: organization.id, type: "okta" });
    expect(await request(directory.id, directory.bearer_token, "203.0.113.1")).toBe(200);
    const before = await writesTo(directory.id);
    const statuses: number[] = [];
    for (let i = 1; i <= 200; i++) {
      // From many addresses, so only the per-directory limit stands between the flood and the row.
      statuses.push(await request(directory.id, `bad-${i}`, `198.51.100.${i % 200}`));
      if (i % 20 === 0) expect(await request(directory.id, directory.bearer_token, "203.0.113.1"), `real token after ${i} bad ones`).toBe(200);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(BAD_TOKENS_PER_DIRECTORY);
    expect(statuses.filter((s) => s === 429)).toHaveLength(200 - BAD_TOKENS_PER_DIRECTORY);
    expect((await writesTo(directory.id)) - before).toBeLessThanOrEqual(10);
    const [row] = await handle.db.select().from(directories).where(eq(directories.id, directory.id));
    expect(row).toMatchObject({ state: "linked", failedAuthCount: 0 });
  });

  it("still marks a directory whose IdP only sends a wrong token as invalid_credentials", async () => {
    const organization = await createOrganization(system, { name: "Stale Token Co" });
    const directory = await createDirectory(system, { organizationId: organization.id, type: "okta" });
    expect(await request(directory.id, directory.bearer_token, "203.0.113.2")).toBe(200);
    const before = await writesTo(directory.id);
    for (let i = 0; i < 30; i++) await request(directory.id, "rotated-away", "203.0.113.2");
    expect((await writesTo(directory.id)) - before).toBeLessThanOrEqual(5);
    const [row] = await handle.db.select().from(directories).where(eq(directories.id, directory.id));
    expect(row!.state).toBe("invalid_credentials");
    expect(await request(directory.id, directory.bearer_token, "203.0.113.2")).toBe(200);
    const [after] = await handle.db.select().from(directories).where(eq(directories.id, directory.id));
    expect(after!.state).toBe("linked");
  });

  async function writesTo(directoryId: string): Promise<number> {
    const result = await handle.db.execute(sql`select count(*)::int as n from directory_row_writes where directory_id = ${directoryId}`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[];
    return rows[0]!.n;
  }
});
