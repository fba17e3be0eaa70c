import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { ssoSessions } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { runDueJobs } from "@/server/jobs/runner";
import { scheduleRetention } from "@/server/services/jobs/retention";
import { KEPT_FAILED_UNSOLICITED_ATTEMPTS, MAX_STORED_RESPONSE_BYTES } from "@/server/services/sso/attempt-log";
import { keptDatabase } from "../support/kept-database";
import { idpMetadataXml, makeKeyPair } from "../support/saml-idp";
import { runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, trpc } from "../support/sso-flow";

/**
 * The ACS answers anyone without signing in. Junk posted to it, even to a connection that is only a
 * draft, must not fill the disk: what each attempt stores is capped, the number kept is bounded,
 * clients are rate-limited, and old attempts are purged.
 */
const ACS_LIMIT = 150;
let database: Awaited<ReturnType<typeof keptDatabase>>;
let server: RunningServer;
let stored: DbHandle | undefined;
let connectionId: string;
let acsUrl: string;

beforeAll(async () => {
  const idp = await makeKeyPair("idp.acs-abuse.example.com");
  database = await keptDatabase();
  const created = runCli(["create-api-key", "--name", "acs"], database.env);
  expect(created.status, created.stderr).toBe(0);
  const apiKey = created.stdout.trim();
  server = await startServer({ database: database.forServer, env: { ACS_RATE_LIMIT_PER_MINUTE: String(ACS_LIMIT) } });
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, string>;
  };
  const organization = await api("/organizations", { name: "Flooded", domain_data: [{ domain: "flooded.example.com", state: "verified" }] });
  const { link } = await api("/portal/generate_link", { organization: organization.id, intent: "sso" });
  const cookie = await portalCookie(link!);
  const draft = await trpc<{ id: string }>(server.url, cookie, "portal.sso.create", { provider: "okta" });
  const metadataXml = idpMetadataXml({
    entityId: "https://idp.acs-abuse.example.com",
    ssoUrl: "https://idp.acs-abuse.example.com/sso",
    certificates: [idp.certificate],
  });
  const configured = await trpc<{ id: string; state: string; sp: { acsUrl: string } }>(server.url, cookie, "portal.sso.configure", {
    id: draft.id,
    metadataXml,
  });
  expect(configured.state).toBe("draft");
  connectionId = configured.id;
  acsUrl = configured.sp.acsUrl;
});
afterAll(async () => {
  await server?.stop();
  await stored?.close();
  await database?.drop();
});

const post = (samlResponse: string, to = acsUrl) =>
  fetch(to, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ SAMLResponse: samlResponse }).toString(),
  });

describe("junk posted to a draft connection's ACS", () => {
  it("answers 300 large junk responses without a server error", { timeout: 180_000 }, async () => {
    const junk = `<junk>${"A".repeat(1_000_000)}</junk>`;
    const statuses: number[] = [];
    for (let batch = 0; batch < 75; batch++) {
      const replies = await Promise.all(Array.from({ length: 4 }, () => post(junk)));
      for (const reply of replies) {
        statuses.push(reply.status);
        await reply.arrayBuffer();
      }
    }
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([]);
    // Every minute lets ACS_LIMIT through, so more than the kept number were stored and then trimmed.
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThanOrEqual(Math.min(300, ACS_LIMIT));
  });

  it("answers a client past its limit with 429 and Retry-After", async () => {
    // To a connection that does not exist: the client's count comes first, and nothing is stored.
    const nowhere = acsUrl.replace(connectionId, "conn_01JZZZZZZZZZZZZZZZZZZZZZZZ");
    let limited: Response | undefined;
    for (let i = 0; i <= 2 * ACS_LIMIT + 1 && !limited; i++) {
      const reply = await post("<junk/>", nowhere);
      if (reply.status === 429) limited = reply;
      else {
        expect(reply.status).toBe(404);
        await reply.text();
      }
    }
    expect(limited, "a 429 within two windows' worth of posts").toBeDefined();
    const retryAfter = Number(limited!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(await limited!.text()).toContain("Too many sign-in attempts");
  });

  it("kept a bounded number of attempts, each cut to 64 KiB", async () => {
    await server.stop();
    stored = await database.open();
    const rows = await stored.db.select().from(ssoSessions).where(eq(ssoSessions.connectionId, connectionId));
    expect(rows.length).toBeLessThanOrEqual(KEPT_FAILED_UNSOLICITED_ATTEMPTS);
    expect(rows.length).toBeGreaterThan(0);
    const bytes = rows.reduce((sum, r) => sum + Buffer.byteLength(r.responseXml ?? "", "utf8"), 0);
    expect(bytes).toBeLessThanOrEqual(KEPT_FAILED_UNSOLICITED_ATTEMPTS * MAX_STORED_RESPONSE_BYTES);
    for (const row of rows) expect(Buffer.byteLength(row.responseXml ?? "", "utf8")).toBeLessThanOrEqual(MAX_STORED_RESPONSE_BYTES);
    for (const row of rows) expect(row).toMatchObject({ state: "failed", responseTruncated: true, responseXml: expect.stringMatching(/^<junk>AAAA/) });
  });

  it("purges attempts older than 30 days in the retention job", async () => {
    const db = stored!.db;
    const count = async () => (await db.select({ id: ssoSessions.id }).from(ssoSessions).where(eq(ssoSessions.connectionId, connectionId))).length;
    const before = await count();
    const in29Days = new Date(Date.now() + 29 * 86_400_000);
    await scheduleRetention(db, in29Days);
    await runDueJobs(db, jobHandlers, in29Days);
    expect(await count()).toBe(before);
    const in31Days = new Date(Date.now() + 31 * 86_400_000);
    await scheduleRetention(db, in31Days);
    await runDueJobs(db, jobHandlers, in31Days);
    expect(await count()).toBe(0);
  });
});
