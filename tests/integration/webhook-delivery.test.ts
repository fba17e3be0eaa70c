import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { WorkOS } from "@workos-inc/node";
import type { DbHandle } from "@/db/client";
import { events, jobs, mailMessages, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { purgeOldEvents } from "@/server/services/events/purge";
import type { ServiceContext } from "@/server/services/context";
import { WEBHOOK_DELIVER_JOB } from "@/server/services/events/record";
import { createOrganization } from "@/server/services/organizations";
import { deliverWebhook } from "@/server/services/webhooks/deliver";
import { createEndpoint, rotateEndpointSecret, signingSecrets } from "@/server/services/webhooks/endpoints";
import { signatureHeader } from "@/server/services/webhooks/signature";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/** Delivery rules that need a chosen clock or a stored state: run against the services and a real database. */
let handle: DbHandle;
let system: ServiceContext;
let receiver: WebhookReceiver;
const workos = new WorkOS("sk_test_unused");

beforeAll(async () => {
  handle = await createTestDb();
  system = { db: handle.db, actor: { type: "system", reason: "test" } };
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await handle?.close();
  await receiver?.close();
});

async function deliveryFor(endpointId: string) {
  const [row] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  return row!;
}

describe("queueing", () => {
  it("queues one delivery job per subscribed, enabled endpoint in the event's own transaction", async () => {
    const wanted = await createEndpoint(system, { endpointUrl: "https://hooks.example.com/a", events: ["organization.created"] });
    const other = await createEndpoint(system, { endpointUrl: "https://hooks.example.com/b", events: ["organization.deleted"] });
    const off = await createEndpoint(system, { endpointUrl: "https://hooks.example.com/c", events: ["organization.created"] });
    await handle.db.update(webhookEndpoints).set({ status: "disabled" }).where(eq(webhookEndpoints.id, off.id));
    await expect(
      handle.db.transaction(async (tx) => {
        await createOrganization({ ...system, db: tx as never }, { name: "Rolled back" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await handle.db.select().from(webhookDeliveries)).toEqual([]);
    const organization = await createOrganization(system, { name: "Queued" });
    const delivery = await deliveryFor(wanted.id);
    expect(delivery).toMatchObject({ event: "organization.created", state: "pending", attempts: 0 });
    expect(await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, other.id))).toEqual([]);
    expect(await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, off.id))).toEqual([]);
    const queued = (await handle.db.select().from(jobs).where(eq(jobs.kind, WEBHOOK_DELIVER_JOB))).filter((j) => j.payload.deliveryId === delivery.id);
    expect(queued).toHaveLength(1);
    expect(organization.id).toMatch(/^org_/);
    for (const id of [wanted.id, other.id, off.id]) await handle.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  });
});

describe("outgoing requests", () => {
  it("refuses a loopback receiver unless private addresses are allowed, recording the attempt", async () => {
    const endpoint = await createEndpoint(system, { endpointUrl: receiver.url, events: ["organization.updated", "organization.created"] });
    await createOrganization(system, { name: "Private Address" });
    const delivery = await deliveryFor(endpoint.id);
    const outcome = await deliverWebhook(handle.db, { deliveryId: delivery.id }, new Date());
    expect("runAgainAt" in outcome).toBe(true);
    const after = await deliveryFor(endpoint.id);
    expect(after).toMatchObject({ state: "pending", attempts: 1, lastStatusCode: null });
    expect(after.lastError).toContain("private or loopback address");
    expect(after.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 40_000);
    expect(receiver.received).toHaveLength(0);
    await handle.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
  });

  it("gives up after three days, and disables an endpoint failing for three days and emails owners and admins", async () => {
    const admin = await asStaff(handle.db, "admin");
    const viewer = await asStaff(handle.db, "viewer");
    const endpoint = await createEndpoint(system, { endpointUrl: "https://127.0.0.1:1/never", events: ["organization.created"] });
    await createOrganization(system, { name: "Failing For Days" });
    const delivery = await deliveryFor(endpoint.id);
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000 - 60_000);
    await handle.db.update(webhookDeliveries).set({ createdAt: threeDaysAgo }).where(eq(webhookDeliveries.id, delivery.id));
    await handle.db.update(webhookEndpoints).set({ failingSince: threeDaysAgo }).where(eq(webhookEndpoints.id, endpoint.id));
    expect(await deliverWebhook(handle.db, { deliveryId: delivery.id }, new Date())).toEqual({ done: true });
    expect(await deliveryFor(endpoint.id)).toMatchObject({ state: "failed", attempts: 1, nextAttemptAt: null });
    const [row] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row).toMatchObject({ status: "disabled", disabledReason: "failing" });
    const mail = await handle.db.select().from(mailMessages);
    expect(mail.map((m) => m.to)).toContain(admin.actor.email);
    expect(mail.map((m) => m.to)).not.toContain(viewer.actor.email);
    expect(mail.find((m) => m.to === admin.actor.email)!.text).toContain("https://127.0.0.1:1/never");
  });
});

describe("retention", () => {
  it("purges events older than 90 days with their deliveries, and keeps newer ones", async () => {
    const endpoint = await createEndpoint(system, { endpointUrl: "https://hooks.example.com/retention", events: ["organization.created"] });
    const old = await createOrganization({ ...system, now: () => new Date(Date.now() - 91 * 86_400_000) }, { name: "Ancient" });
    const recent = await createOrganization(system, { name: "Recent" });
    const outcome = await purgeOldEvents(handle.db, {}, new Date());
    expect("runAgainAt" in outcome).toBe(true);
    const left = await handle.db.select().from(events);
    expect(left.some((e) => (e.data as { id?: string }).id === old.id)).toBe(false);
    expect(left.some((e) => (e.data as { id?: string }).id === recent.id)).toBe(true);
    const deliveries = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpoint.id));
    expect(deliveries).toHaveLength(1);
  });
});

describe("signing secrets", () => {
  it("signs with the new and the rotated-out secret for 24 hours, the new one first, then only the new", async () => {
    const created = await createEndpoint(system, { endpointUrl: "https://hooks.example.com/rotate", events: ["organization.created"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [stored] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.id));
    expect(JSON.stringify(stored)).not.toContain(created.secret.slice(6));
    const rotated = await rotateEndpointSecret(system, created.id);
    expect(rotated.secret).not.toBe(created.secret);
    const [row] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, created.id));
    expect(signingSecrets(row!, new Date())).toEqual([rotated.secret, created.secret]);
    expect(signingSecrets(row!, new Date(Date.now() + 25 * 3_600_000))).toEqual([rotated.secret]);

    const body = JSON.stringify({ id: "event_1", event: "dsync.token.created", data: { object: "directory_token" }, created_at: new Date().toISOString() });
    const header = signatureHeader(signingSecrets(row!, new Date()), Date.now(), body);
    expect(header).toMatch(/^t=\d{13}, v1=[0-9a-f]{64}, v1=[0-9a-f]{64}$/);
    await expect(workos.webhooks.constructEvent({ payload: body, sigHeader: header, secret: rotated.secret })).resolves.toMatchObject({ id: "event_1" });
    // A receiver still on the old secret finds its signature among the v1 values.
    const [t, ...v1s] = header.split(", ");
    const oldOnly = `${t}, ${v1s[1]}`;
    await expect(workos.webhooks.constructEvent({ payload: body, sigHeader: oldOnly, secret: created.secret })).resolves.toMatchObject({ id: "event_1" });
  });
});
