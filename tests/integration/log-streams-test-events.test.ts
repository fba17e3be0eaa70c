import { WorkOS } from "@workos-inc/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/services/api-keys";
import { TEST_EVENTS_PER_MINUTE } from "@/server/services/log-streams/manage";
import { asStaff } from "../support/context";
import { startLogReceiver, type LogReceiver } from "../support/log-receiver";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";
import { portalCookie, seedDatabase } from "../support/sso-flow";

/**
 * "Send test event" makes Portico call an address the IT admin chose: over HTTP, as the portal's browser
 * code calls it, a caller sending them in a loop is stopped per organization with a 429 and Retry-After.
 */
let server: RunningServer;
let receiver: LogReceiver;
let workos: WorkOS;

beforeAll(async () => {
  receiver = await startLogReceiver();
  const database = await freshDatabaseEnv();
  const apiKey = await seedDatabase(database.env, async (db) => (await createApiKey(await asStaff(db, "admin"), { name: "test events" })).secret);
  server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

async function portalSession(organizationId: string): Promise<string> {
  const { link } = await workos.adminPortal.generateLink({ organization: organizationId, intent: "log_streams" as never });
  return portalCookie(link);
}

async function sendTestEvent(cookie: string, path: string) {
  const response = await fetch(`${server.url}/api/trpc/portal.logStreams.test`, {
    method: "POST",
    headers: { cookie, "Content-Type": "application/json" },
    body: JSON.stringify({ stream: { kind: "https", url: `${receiver.url}${path}`, format: "json", headers: [] } }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tRPC's JSON envelope, asserted field by field
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as any };
}

describe("Send test event", () => {
  it("answers 429 with Retry-After once an organization sent its allowance, and sends nothing more", async () => {
    // The allowance is counted per minute: start early in one, so the loop below stays inside it.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 200));
    const abused = await workos.organizations.createOrganization({ name: "Test event loop" });
    const cookie = await portalSession(abused.id);

    for (let i = 0; i < TEST_EVENTS_PER_MINUTE; i++) {
      const sent = await sendTestEvent(cookie, "/loop");
      expect(sent.status, JSON.stringify(sent.body)).toBe(200);
      expect(sent.body.result.data).toMatchObject({ ok: true, status: 200 });
    }
    const arrived = () => receiver.received.filter((r) => r.path === "/loop").length;
    expect(arrived()).toBe(TEST_EVENTS_PER_MINUTE);

    for (let i = 0; i < 3; i++) {
      const refused = await sendTestEvent(cookie, "/loop");
      expect(refused.status).toBe(429);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
      expect(refused.body.error.data.code).toBe("TOO_MANY_REQUESTS");
      expect(refused.body.error.message).toMatch(/Too many test events.*Try again in \d+ seconds/);
    }
    // A fresh portal session of the same organization shares its allowance.
    expect((await sendTestEvent(await portalSession(abused.id), "/loop")).status).toBe(429);
    expect(arrived()).toBe(TEST_EVENTS_PER_MINUTE);

    // Another organization is not held back by the first one's loop.
    const other = await workos.organizations.createOrganization({ name: "Quiet neighbour" });
    const neighbour = await sendTestEvent(await portalSession(other.id), "/neighbour");
    expect(neighbour.status).toBe(200);
    expect(receiver.received.filter((r) => r.path === "/neighbour")).toHaveLength(1);
  });
});
