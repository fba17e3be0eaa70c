import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { csvRecords } from "../support/csv";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { bootstrapOwner, bootstrapOwnerEnv } from "../support/staff-browser";
import { signInOrThrow, trpc } from "../support/staff-http";

/**
 * `POST /audit_logs/events` from a key the server has seen before is answered in one statement that also
 * authenticates the key, counts its rate limit and claims the Idempotency-Key. These tests hold that path to
 * the same answers as the usual one: replays, a reused key, an unknown organization, the rate limit and a
 * key revoked a moment ago, with what was stored read back through an export.
 */
const RATE_LIMIT = 40;
let server: RunningServer;
let apiKey: string;
let workos: WorkOS;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  apiKey = runCli(["create-api-key", "--name", "ingest"], database.env).stdout.trim();
  server = await startServer({ database, env: { ...bootstrapOwnerEnv, API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), JOB_POLL_INTERVAL_MS: "200" } });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
});

const wireEvent = (organizationId: string, actor: string) => ({
  organization_id: organizationId,
  event: {
    action: "document.viewed",
    occurred_at: "2026-11-20T10:00:00.000Z",
    actor: { id: `user_${actor}`, name: actor, type: "user" },
    targets: [{ id: "doc_1", name: "Plan", type: "document" }],
    context: { location: "203.0.113.7" },
  },
});

function send(key: string, body: unknown, idempotencyKey?: string) {
  return fetch(`${server.url}/audit_logs/events`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json", ...(idempotencyKey ? { "Idempotency-Key": idempotencyKey } : {}) },
    body: JSON.stringify(body),
  });
}

/** The actors of every event stored for the organization, read back through a CSV export. */
async function storedActors(organizationId: string): Promise<string[]> {
  const created = await workos.auditLogs.createExport({
    organizationId,
    rangeStart: new Date("2026-11-01T00:00:00Z"),
    rangeEnd: new Date("2026-12-01T00:00:00Z"),
  });
  const deadline = Date.now() + 20_000;
  let current = created;
  while (current.state === "pending" && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    current = await workos.auditLogs.getExport(created.id);
  }
  expect(current.state).toBe("ready");
  return csvRecords(await (await fetch(current.url!)).text())
    .map((row) => row["actor.name"]!)
    .sort();
}

describe("audit-log ingest in one statement", () => {
  it("stores a retried event once and replays its reply, refuses a key reused with another event, and answers 404 for an unknown organization", async () => {
    const org = await workos.organizations.createOrganization({ name: "Ingest" });
    const first = await send(apiKey, wireEvent(org.id, "Ann"), "ann-1");
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ success: true });
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const retry = await send(apiKey, wireEvent(org.id, "Ann"), "ann-1");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await retry.json()).toEqual({ success: true });
    const reused = await send(apiKey, wireEvent(org.id, "Eve"), "ann-1");
    expect(reused.status).toBe(422);
    expect((await reused.json()).errors).toEqual([expect.objectContaining({ field: "Idempotency-Key", code: "idempotency_key_reused" })]);
    expect((await send(apiKey, wireEvent(org.id, "Bob"))).status).toBe(201);

    const missing = await send(apiKey, wireEvent("org_01NOTANORGANIZATION0000000", "Ann"), "nobody-1");
    expect(missing.status).toBe(404);
    const missingAgain = await send(apiKey, wireEvent("org_01NOTANORGANIZATION0000000", "Ann"), "nobody-1");
    expect(missingAgain.status).toBe(404);
    expect(missingAgain.headers.get("idempotent-replayed")).toBe("true");

    expect(await storedActors(org.id)).toEqual(["Ann", "Bob"]);
  });

  it("stores nothing past the rate limit, and refuses a key from the request after it is revoked", async () => {
    const staff = await signInOrThrow(server.url, bootstrapOwner);
    const created = await trpc(server.url, staff, "apiKeys.create", { name: "short-lived" }, "mutation");
    const { secret } = created.data as { secret: string };
    const org = await workos.organizations.createOrganization({ name: "Limited" });

    // Fixed one-minute windows: a window may turn over mid-loop, so between the limit and twice it pass.
    const answers: number[] = [];
    for (let i = 0; i < 2 * RATE_LIMIT + 5 && answers.filter((s) => s === 429).length < 3; i++) {
      answers.push((await send(secret, wireEvent(org.id, `Actor ${String(i).padStart(2, "0")}`), `limited-${i}`)).status);
    }
    const accepted = answers.filter((s) => s === 201).length;
    expect(answers.filter((s) => s !== 201 && s !== 429)).toEqual([]);
    expect(answers).toContain(429);
    expect(accepted).toBeGreaterThanOrEqual(RATE_LIMIT);
    expect(accepted).toBeLessThanOrEqual(2 * RATE_LIMIT);
    // Every 201 stored its event and no 429 did.
    const expected = answers.flatMap((s, i) => (s === 201 ? [`Actor ${String(i).padStart(2, "0")}`] : []));
    expect(await storedActors(org.id)).toEqual(expected);

    const other = await workos.organizations.createOrganization({ name: "Revoked" });
    const fresh = await trpc(server.url, staff, "apiKeys.create", { name: "revoked" }, "mutation");
    const revokedSecret = (fresh.data as { secret: string }).secret;
    expect((await send(revokedSecret, wireEvent(other.id, "Before"))).status).toBe(201);
    expect((await trpc(server.url, staff, "apiKeys.revoke", { id: (fresh.data as { id: string }).id }, "mutation")).status).toBe(200);
    const refused = await send(revokedSecret, wireEvent(other.id, "After"), "after-revoke");
    expect(refused.status).toBe(401);
    expect(await storedActors(other.id)).toEqual(["Before"]);
  });
});
