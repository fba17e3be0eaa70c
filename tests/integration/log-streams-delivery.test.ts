import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { logStreams } from "@/db/schema";
import { resetEnvForTests } from "@/server/env";
import type { ServiceContext } from "@/server/services/context";
import { createOrganization } from "@/server/services/organizations";
import { claimDueStreams, deliverClaimedStream, getLogStream, saveLogStream, setLogStreamPaused } from "@/server/services/log-streams";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { startLogReceiver, type LogReceiver } from "../support/log-receiver";
import { deliverAll, recordEvents, storedIds, waitUntilVisible } from "../support/log-streams";

/** The worker's states, retries and ordering against a real receiver on loopback that answers as each test says. */
let handle: DbHandle;
let admin: ServiceContext;
let receiver: LogReceiver;

beforeAll(async () => {
  receiver = await startLogReceiver();
  process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = "true";
  process.env.LOG_STREAM_BATCH_WINDOW_MS = "50";
  resetEnvForTests();
  handle = await createTestDb();
  admin = await asStaff(handle.db, "admin");
});
afterAll(async () => {
  await handle?.close();
  await receiver?.close();
});

async function streamTo(path: string) {
  const organizationId = (await createOrganization(admin, { name: `Org ${path}` })).id;
  receiver.respond(() => ({ status: 200 }));
  const saved = await saveLogStream(admin, { organizationId, stream: { kind: "https", url: `${receiver.url}${path}`, format: "json", headers: [] } });
  expect(saved.saved).toBe(true);
  return organizationId;
}

const rowOf = async (organizationId: string) => (await handle.db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId)))[0]!;
const idsIn = (body: string) => (JSON.parse(body) as { event: { id: string } }[]).map((e) => e.event.id);

/** Claims every due stream as of `now` and runs each once (other tests' streams too, so none keeps a lease); the organizations run. */
async function claimAndRun(now: Date, announced: string[] = []): Promise<string[]> {
  const claimed = await claimDueStreams(handle.db, now, 50, announced);
  for (const stream of claimed) await deliverClaimedStream(handle.db, stream);
  return claimed.map((s) => s.organizationId);
}

async function runOnce(organizationId: string, events: number) {
  await waitUntilVisible(handle.db, organizationId, events);
  const row = await rowOf(organizationId);
  expect(await claimAndRun(new Date(Math.max(Date.now(), row.nextAttemptAt.getTime())))).toContain(organizationId);
}

describe("states", () => {
  it("goes to error on a 500, keeps the answer, and back to active when the destination answers 200", async () => {
    const organizationId = await streamTo("/flaky");
    await recordEvents(handle.db, organizationId, 3);
    receiver.respond(() => ({ status: 500, body: '{"error":"index unavailable"}' }));
    const started = Date.now();
    await runOnce(organizationId, 3);
    const failed = await getLogStream(admin, { organizationId });
    // The batch starts with the stream's own creation, recorded in the organization's audit log.
    expect(failed).toMatchObject({ state: "error", recentFailures: [{ statusCode: 500, responseBody: '{"error":"index unavailable"}', events: 3 + 1 }] });
    expect(failed!.stateReason).toContain("failed to take the events (HTTP 500)");
    const row = await rowOf(organizationId);
    expect(row.failures).toBe(1);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + 800);
    // Not due yet: nobody claims it before its backoff ends.
    expect(await claimAndRun(new Date(started + 700))).not.toContain(organizationId);
    receiver.respond(() => ({ status: 200 }));
    await runOnce(organizationId, 3);
    const after = await getLogStream(admin, { organizationId });
    expect(after).toMatchObject({ state: "active", deliveredLast7Days: 3 + 1 });
    expect(after!.lastSyncedAt).not.toBeNull();
    const bodies = receiver.received.filter((r) => r.path === "/flaky" && idsIn(r.body)[0]?.startsWith("audit_log_event_0"));
    expect(bodies.map((r) => r.status)).toEqual([500, 200]);
    expect(idsIn(bodies[1]!.body)).toEqual(await storedIds(handle.db, organizationId));
  });

  it("turns invalid on a 403 and stops sending", async () => {
    const organizationId = await streamTo("/forbidden");
    await recordEvents(handle.db, organizationId, 2);
    receiver.respond(() => ({ status: 403, body: "bad token" }));
    await runOnce(organizationId, 2);
    expect(await getLogStream(admin, { organizationId })).toMatchObject({ state: "invalid", recentFailures: [{ statusCode: 403, responseBody: "bad token" }] });
    const sentHere = () => receiver.received.filter((r) => r.path === "/forbidden").length;
    const before = sentHere();
    await recordEvents(handle.db, organizationId, 1);
    expect(await claimAndRun(new Date(Date.now() + 86_400_000))).not.toContain(organizationId);
    expect(sentHere()).toBe(before);
    await expect(setLogStreamPaused(admin, { organizationId, paused: false })).rejects.toThrow();
  });

  it("waits as long as a 429's Retry-After asks", async () => {
    const organizationId = await streamTo("/slow-down");
    await recordEvents(handle.db, organizationId, 1);
    receiver.respond(() => ({ status: 429, headers: { "Retry-After": "3" } }));
    const started = Date.now();
    await runOnce(organizationId, 1);
    const row = await rowOf(organizationId);
    expect(row.state).toBe("error");
    expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + 3000);
    expect(row.stateReason).toContain("slow down (HTTP 429)");
    expect(await claimAndRun(new Date(started + 2500))).not.toContain(organizationId);
    receiver.respond(() => ({ status: 200 }));
    await deliverAll(handle.db, organizationId);
    const sent = receiver.received.filter((r) => r.path === "/slow-down" && !idsIn(r.body)[0]!.includes("test"));
    expect(sent.map((r) => r.status)).toEqual([429, 200]);
    expect(sent[1]!.receivedAt - sent[0]!.receivedAt).toBeGreaterThanOrEqual(3000);
    expect((await rowOf(organizationId)).state).toBe("active");
  });

  it("pauses without losing events: what was recorded meanwhile is sent after Resume", async () => {
    const organizationId = await streamTo("/paused");
    await setLogStreamPaused(admin, { organizationId, paused: true });
    await recordEvents(handle.db, organizationId, 4);
    expect(await claimAndRun(new Date(Date.now() + 86_400_000))).not.toContain(organizationId);
    expect(await getLogStream(admin, { organizationId })).toMatchObject({ state: "inactive" });
    await setLogStreamPaused(admin, { organizationId, paused: false });
    await deliverAll(handle.db, organizationId);
    const got = receiver.received.filter((r) => r.path === "/paused").flatMap((r) => idsIn(r.body).filter((id) => !id.includes("test")));
    expect(got).toEqual(await storedIds(handle.db, organizationId));
  });
});

describe("claims", () => {
  it("gives a due stream to one worker only, until its lease is released", async () => {
    const organizationId = await streamTo("/claimed");
    await recordEvents(handle.db, organizationId, 1);
    await waitUntilVisible(handle.db, organizationId);
    const far = new Date(Date.now() + 3_600_000);
    const [first, second] = await Promise.all([claimDueStreams(handle.db, far, 10), claimDueStreams(handle.db, far, 10)]);
    const mine = [...first, ...second].filter((s) => s.organizationId === organizationId);
    expect(mine).toHaveLength(1);
    for (const other of [...first, ...second]) if (other.organizationId !== organizationId) await deliverClaimedStream(handle.db, other);
    // A worker whose lease was taken over acknowledges nothing.
    const stale = { ...mine[0]!, leaseToken: "stale-token" };
    await deliverClaimedStream(handle.db, stale);
    expect((await rowOf(organizationId)).cursorSeq).toBe(mine[0]!.cursorSeq);
    await deliverClaimedStream(handle.db, mine[0]!);
    expect((await rowOf(organizationId)).cursorSeq).toBeGreaterThan(mine[0]!.cursorSeq);
  });
});

describe("announcements", () => {
  it("brings an announced stream forward only when a full batch waits or it sent nothing for a whole window", async () => {
    const organizationId = await streamTo("/announced");
    await deliverAll(handle.db, organizationId);
    const notDue = async () => {
      await handle.db
        .update(logStreams)
        .set({ nextAttemptAt: new Date(Date.now() + 3_600_000) })
        .where(eq(logStreams.organizationId, organizationId));
      return (await rowOf(organizationId)).lastSyncedAt!.getTime();
    };
    const requests = () => receiver.received.filter((r) => r.path === "/announced").map((r) => idsIn(r.body));
    const earlier = requests().length;
    let synced = await notDue();
    await recordEvents(handle.db, organizationId, 3);
    await waitUntilVisible(handle.db, organizationId, 3);
    // Sent 10 ms ago, three events waiting: the announcement does not make a batch of them yet.
    expect(await claimAndRun(new Date(synced + 10), [organizationId])).not.toContain(organizationId);
    // Quiet for longer than the window (50 ms here): announced, its events go at once; unannounced, it waits to be due.
    expect(await claimAndRun(new Date(synced + 60))).not.toContain(organizationId);
    expect(await claimAndRun(new Date(synced + 60), [organizationId])).toContain(organizationId);
    expect(
      requests()
        .slice(earlier)
        .map((ids) => ids.length),
    ).toEqual([3]);

    synced = await notDue();
    await recordEvents(handle.db, organizationId, 999);
    await waitUntilVisible(handle.db, organizationId, 999);
    expect(await claimAndRun(new Date(synced + 10), [organizationId])).not.toContain(organizationId);
    // The thousandth event makes a full batch: it goes before the window is out.
    await recordEvents(handle.db, organizationId, 1);
    await waitUntilVisible(handle.db, organizationId, 1000);
    expect(await claimAndRun(new Date(synced + 10), [organizationId])).toContain(organizationId);
    expect(
      requests()
        .slice(earlier)
        .map((ids) => ids.length),
    ).toEqual([3, 1000]);
    expect(
      requests()
        .flat()
        .filter((id) => !id.includes("test")),
    ).toEqual(await storedIds(handle.db, organizationId));
  });
});

describe("ordering and loss", () => {
  it("delivers 10,000 events in stored order, each at least once, to a receiver failing at random", async () => {
    const organizationId = await streamTo("/random");
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    receiver.respond(() => (random() < 0.3 ? { status: random() < 0.5 ? 503 : 429, headers: { "Retry-After": "0" } } : { status: 200 }));
    const recording = recordEvents(handle.db, organizationId, 10_000);
    // Delivery runs while events are still being recorded.
    while (!(await Promise.race([recording.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 200))]))) {
      await deliverAll(handle.db, organizationId, { ignoreWaits: true, maxRounds: 5 });
    }
    await deliverAll(handle.db, organizationId, { ignoreWaits: true });
    const seen = new Set<string>();
    const order: string[] = [];
    for (const r of receiver.received.filter((x) => x.path === "/random" && x.status === 200)) {
      for (const id of idsIn(r.body)) {
        if (id.includes("test") || seen.has(id)) continue;
        seen.add(id);
        order.push(id);
      }
    }
    const stored = await storedIds(handle.db, organizationId);
    // The 10,000 and the stream's own creation record.
    expect(stored).toHaveLength(10_000 + 1);
    expect(order).toEqual(stored);
    expect(receiver.received.some((x) => x.path === "/random" && x.status !== 200)).toBe(true);
  }, 300_000);
});
