import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { runDueJobs } from "@/server/jobs/runner";
import { scheduleRetention } from "@/server/services/jobs/retention";
import { keptDatabase } from "../support/kept-database";
import { runCli, startServer, type RunningServer } from "../support/server";

/**
 * `Idempotency-Key` replies that carry bearer secrets (a directory's SCIM token, a portal link) are
 * replayed identically, yet the table that keeps them holds none of those secrets readable.
 */
let database: Awaited<ReturnType<typeof keptDatabase>>;
let server: RunningServer;
let apiKey: string;
let stored: DbHandle | undefined;

beforeAll(async () => {
  database = await keptDatabase();
  const created = runCli(["create-api-key", "--name", "idempotency"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  server = await startServer({ database: database.forServer });
});
afterAll(async () => {
  await server?.stop();
  await stored?.close();
  await database?.drop();
});

async function post(path: string, body: unknown, idempotencyKey?: string) {
  const response = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Sends the same request twice with one key; the retry must get the very same answer. */
async function twice(path: string, body: unknown, idempotencyKey: string) {
  const first = await post(path, body, idempotencyKey);
  const retry = await post(path, body, idempotencyKey);
  expect(first.status, first.text).toBeLessThan(300);
  expect(retry).toEqual(first);
  return JSON.parse(first.text) as Record<string, string>;
}

describe("Idempotency-Key replies that carry secrets", () => {
  const secrets: string[] = [];

  it("replays directory tokens and portal links identically to a retry", async () => {
    const organization = JSON.parse((await post("/organizations", { name: "Idempotent Secrets" })).text) as { id: string };
    const directory = await twice("/directories", { organization_id: organization.id, type: "okta" }, "create-directory-1");
    const rotated = await twice(`/directories/${directory.id}/token`, {}, "rotate-token-1");
    const link = await twice("/portal/generate_link", { organization: organization.id, intent: "sso" }, "portal-link-1");
    secrets.push(directory.bearer_token!, rotated.bearer_token!, link.link!.split("/portal/launch/")[1]!);
    expect(secrets.every((s) => s.length >= 40)).toBe(true);
    expect(new Set(secrets).size).toBe(3);
  });

  it("keeps no secret readable in the idempotency table", async () => {
    await server.stop();
    stored = await database.open();
    const rows = await stored.db.select().from(idempotencyKeys);
    expect(rows.filter((r) => r.responseBody !== null).length).toBeGreaterThanOrEqual(3);
    const dump = JSON.stringify(rows);
    for (const secret of secrets) expect(dump).not.toContain(secret);
    for (const row of rows) expect(row.responseBody).toMatch(/^v1\./);
  });

  it("purges keys once their 24 hours are over, in the retention job", async () => {
    const db = stored!.db;
    const soon = new Date(Date.now() + 60 * 60_000);
    await scheduleRetention(db, soon);
    await runDueJobs(db, jobHandlers, soon);
    expect((await db.select().from(idempotencyKeys)).length).toBeGreaterThanOrEqual(3);
    const later = new Date(Date.now() + 25 * 60 * 60_000);
    await scheduleRetention(db, later);
    expect(await runDueJobs(db, jobHandlers, later)).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(idempotencyKeys)).toEqual([]);
  });
});
