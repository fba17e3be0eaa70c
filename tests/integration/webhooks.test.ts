import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { NotFoundException, SignatureVerificationException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { usingPostgres } from "../support/db";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Webhooks end to end: the SDK manages endpoints, a real HTTPS receiver on loopback gets the
 * deliveries, and the SDK's own `constructEvent` verifies them. Retries run on a scaled-down schedule
 * (WEBHOOK_RETRY_SCALE) so days of backoff take seconds.
 */
const SCALE = 0.01;
let receiver: WebhookReceiver;
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let env: Record<string, string>;
let server: RunningServer;
let apiKey: string;
let workos: WorkOS;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "webhooks"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  env = { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", NODE_EXTRA_CA_CERTS: receiver.caFile, JOB_POLL_INTERVAL_MS: "100", WEBHOOK_RETRY_SCALE: String(SCALE) };
  server = await startServer({ database, env });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

const eventOf = (r: ReceivedWebhook) => JSON.parse(r.body) as { id: string; event: string; data: { id: string; name?: string } };

/** A fresh endpoint for one test, so tests do not see each other's deliveries. */
async function endpointFor(events: string[]) {
  const all = await workos.webhooks.listWebhookEndpoints();
  for (const e of all.data) await workos.webhooks.updateWebhookEndpoint({ id: e.id, status: "disabled" as never });
  return workos.webhooks.createWebhookEndpoint({ endpointUrl: receiver.url, events: events as never });
}

describe("webhook endpoints through @workos-inc/node", () => {
  it("creates (showing the secret once), lists, updates and deletes an endpoint", async () => {
    const created = await workos.webhooks.createWebhookEndpoint({
      endpointUrl: "https://hooks.example.com/portico",
      events: ["organization.created", "dsync.user.created"] as never,
    });
    expect(created).toMatchObject({
      object: "webhook_endpoint",
      endpointUrl: "https://hooks.example.com/portico",
      status: "enabled",
      events: ["organization.created", "dsync.user.created"],
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const listed = await workos.webhooks.listWebhookEndpoints();
    const mine = listed.data.find((e) => e.id === created.id)!;
    expect(mine.secret).toBe(`whsec_…${created.secret.slice(-4)}`);
    const updated = await workos.webhooks.updateWebhookEndpoint({ id: created.id, status: "disabled" as never, events: ["organization.deleted"] as never });
    expect(updated).toMatchObject({ status: "disabled", events: ["organization.deleted"], endpointUrl: "https://hooks.example.com/portico" });
    await workos.webhooks.deleteWebhookEndpoint({ id: created.id });
    await expect(workos.webhooks.updateWebhookEndpoint({ id: created.id, status: "enabled" as never })).rejects.toBeInstanceOf(NotFoundException);
  });

  it("refuses a plain-http URL and an event Portico does not send, naming the field", async () => {
    await expect(
      workos.webhooks.createWebhookEndpoint({ endpointUrl: "http://hooks.example.com/x", events: ["organization.created"] as never }),
    ).rejects.toBeInstanceOf(UnprocessableEntityException);
    const post = (body: unknown) =>
      fetch(`${server.url}/webhook_endpoints`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    const http = await post({ endpoint_url: "http://hooks.example.com/x", events: ["organization.created"] });
    expect(http.status).toBe(422);
    expect(http.body.errors).toEqual([expect.objectContaining({ field: "endpoint_url" })]);
    expect(http.body.message).toContain("https");
    const unknown = await post({ endpoint_url: "https://hooks.example.com/x", events: ["user.created"] });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: "events.0" })]);
    expect(unknown.body.message).toContain("user.created");
  });
});

describe("signed delivery", () => {
  it("delivers compact, signed JSON that constructEvent verifies, and refuses a wrong secret or an old timestamp", async () => {
    const endpoint = await endpointFor(["organization.created"]);
    const sentAt = Date.now();
    const organization = await workos.organizations.createOrganization({ name: "Signed Delivery" });
    const [delivery] = await receiver.waitFor((r) => eventOf(r).data.id === organization.id);
    // Woken by the commit, not by the next poll.
    expect(delivery!.receivedAt - sentAt).toBeLessThan(2000);
    expect(delivery!.headers["content-type"]).toBe("application/json");
    const header = String(delivery!.headers["workos-signature"]);
    expect(header).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}$/);
    expect(delivery!.body).toBe(JSON.stringify(JSON.parse(delivery!.body)));
    expect(Object.keys(JSON.parse(delivery!.body))).toEqual(["id", "event", "data", "created_at"]);

    const event = await workos.webhooks.constructEvent({ payload: delivery!.body, sigHeader: header, secret: endpoint.secret });
    expect(event).toMatchObject({ event: "organization.created", data: { id: organization.id, name: "Signed Delivery" } });
    await expect(workos.webhooks.constructEvent({ payload: delivery!.body, sigHeader: header, secret: "whsec_wrong" })).rejects.toBeInstanceOf(
      SignatureVerificationException,
    );
    const tampered = delivery!.body.replace("Signed Delivery", "Signed Deliverx");
    await expect(workos.webhooks.constructEvent({ payload: tampered, sigHeader: header, secret: endpoint.secret })).rejects.toBeInstanceOf(
      SignatureVerificationException,
    );
    // The same bytes replayed four minutes later: the signed timestamp is outside the SDK's 180 s tolerance.
    const t = Number(/t=(\d+)/.exec(header)![1]);
    expect(Math.abs(t - delivery!.receivedAt)).toBeLessThan(5000);
    const laterReplay = workos.webhooks.constructEvent({ payload: delivery!.body, sigHeader: header, secret: endpoint.secret, tolerance: 180_000 - 240_000 });
    await expect(laterReplay).rejects.toBeInstanceOf(SignatureVerificationException);
  });
});

describe("retries", () => {
  it("retries a failing receiver with backoff and records one success after three failures", async () => {
    await endpointFor(["organization.updated"]);
    const organization = await workos.organizations.createOrganization({ name: "Retry Me" });
    let failuresLeft = 3;
    receiver.respond((r) => (eventOf(r).data.id === organization.id && failuresLeft-- > 0 ? 503 : 200));
    try {
      await workos.organizations.updateOrganization({ organization: organization.id, name: "Retry Me Now" });
      const ok = await receiver.waitFor((r) => eventOf(r).data.id === organization.id && r.status === 200, 1, 20_000);
      await new Promise((r) => setTimeout(r, 1500));
      const all = receiver.received.filter((r) => eventOf(r).data.id === organization.id);
      expect(all.map((r) => r.status)).toEqual([503, 503, 503, 200]);
      expect(new Set(all.map((r) => eventOf(r).id)).size).toBe(1);
      expect(ok).toHaveLength(1);
      // 1, 2 and 4 minutes (±20% jitter), scaled.
      const gaps = all.slice(1).map((r, i) => r.receivedAt - all[i]!.receivedAt);
      [60_000, 120_000, 240_000].forEach((base, i) => expect(gaps[i], `gap ${i + 1}`).toBeGreaterThanOrEqual(base * SCALE * 0.8 - 20));
      expect(gaps[2]!).toBeGreaterThan(gaps[0]!);
    } finally {
      receiver.respond(() => 200);
    }
  });

  // Three server starts: each can take most of a minute on a busy machine.
  it("loses no delivery when the server is killed (-9) between attempts, and records every attempt", { timeout: 180_000 }, async () => {
    await endpointFor(["organization.created"]);
    receiver.respond(() => 500);
    const organization = await workos.organizations.createOrganization({ name: "Survives Kill" });
    const [first] = await receiver.waitFor((r) => eventOf(r).data.id === organization.id);
    const eventId = eventOf(first!).id;
    // Between attempts: the first is answered and recorded, the retry (about 0.6 s later, scaled) not yet sent.
    await new Promise((r) => setTimeout(r, 250));
    server.kill();
    receiver.respond(() => 200);
    await new Promise((r) => setTimeout(r, 300));
    server = await startServer({ database, env });
    workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
    await receiver.waitFor((r) => eventOf(r).data.id === organization.id && r.status === 200, 1, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    const statuses = receiver.received.filter((r) => eventOf(r).data.id === organization.id).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses[0]).toBe(500);

    await server.stop({ keepDatabase: true });
    const recorded = await seedDatabase(database.env, async (db) => {
      const deliveries = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventId, eventId));
      const attempts = await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        );
      return { deliveries, attempts, endpoints: await db.select().from(webhookEndpoints) };
    });
    server = await startServer({ database, env });
    workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
    expect(recorded.deliveries).toHaveLength(1);
    const delivery = recorded.deliveries[0]!;
    expect(delivery).toMatchObject({ state: "succeeded", lastStatusCode: 200, nextAttemptAt: null });
    const mine = recorded.attempts.filter((a) => a.deliveryId === delivery.id).sort((a, b) => a.attempt - b.attempt);
    expect(mine.map((a) => [a.attempt, a.statusCode])).toEqual(statuses.map((s, i) => [i + 1, s]));
    expect(mine[0]!.responseBody).toBe("not now");
    // Every endpoint's last delivery succeeded: none is counted as failing (which would lead to disabling it).
    expect(recorded.endpoints.map((e) => e.failingSince)).toEqual(recorded.endpoints.map(() => null));
  });
});

describe("several instances", () => {
  it(
    usingPostgres ? "delivers each event to each endpoint once with two servers on one Postgres" : "refuses a second server on the same embedded database",
    async () => {
      if (!usingPostgres) {
        await expect(startServer({ database, env })).rejects.toThrow(/could not start|exited early/i);
        return;
      }
      const second = await startServer({ database, env });
      try {
        const endpoint = await endpointFor(["organization.created"]);
        const other = await workos.webhooks.createWebhookEndpoint({ endpointUrl: `${receiver.url}?second`, events: ["organization.created"] as never });
        const secondSdk = new WorkOS(apiKey, { apiHostname: "localhost", port: second.port, https: false });
        const made = await Promise.all(
          Array.from({ length: 40 }, (_, i) => (i % 2 ? secondSdk : workos).organizations.createOrganization({ name: `Twin ${i}` })),
        );
        const ids = new Set(made.map((o) => o.id));
        await receiver.waitFor((r) => ids.has(eventOf(r).data.id), 80, 30_000);
        await new Promise((r) => setTimeout(r, 1500));
        const got = receiver.received.filter((r) => ids.has(eventOf(r).data.id));
        expect(got).toHaveLength(80);
        // Each (event, endpoint) pair exactly once: 40 events × 2 endpoints, no duplicates.
        expect(new Set(got.map((r) => `${eventOf(r).id} ${r.path}`)).size).toBe(80);
        expect(new Set(got.map((r) => eventOf(r).id)).size).toBe(40);
        expect(endpoint.id).not.toBe(other.id);
      } finally {
        await second.stop({ keepDatabase: true });
      }
    },
  );
});
