import { WorkOS } from "@workos-inc/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, runMigrations } from "@/db/client";
import { resetEnvForTests } from "@/server/env";
import { createApiKey } from "@/server/services/api-keys";
import { saveLogStream } from "@/server/services/log-streams";
import { BATCH_SIZE } from "@/server/services/log-streams/worker";
import { createOrganization } from "@/server/services/organizations";
import { asStaff } from "../support/context";
import { createPostgresDatabase, localPostgresUrl } from "../support/db";
import { startLogReceiver, type Answer, type LogReceiver, type ReceivedRequest } from "../support/log-receiver";
import { recordEvents, storedIds } from "../support/log-streams";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";
import { openServerDatabase } from "../support/staff-http";
import { seedDatabase } from "../support/sso-flow";

/**
 * Log streams delivered by real server processes: one killed with SIGKILL in the middle of a batch and
 * replaced on the same database, and two running side by side on one Postgres.
 */
let receiver: LogReceiver;
const servers: RunningServer[] = [];
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  receiver = await startLogReceiver();
  // The stream is saved from this process, and its test event goes to the loopback receiver.
  process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = "true";
  resetEnvForTests();
});
afterAll(async () => {
  for (const server of servers) await server.stop({ keepDatabase: true });
  for (const cleanup of cleanups.reverse()) await cleanup();
  await receiver?.close();
});

const isTestEvent = (id: string) => id.startsWith("audit_log_event_test_");
const idsIn = (request: ReceivedRequest) => (JSON.parse(request.body) as { event: { id: string } }[]).map((e) => e.event.id).filter((id) => !isTestEvent(id));
/** Every event id that reached `path`, in order of arrival, answered or not. */
const arrivedAt = (path: string) => receiver.received.filter((r) => r.path === path).flatMap(idsIn);

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function ingestThroughApi(server: RunningServer, apiKey: string, organizationId: string, count: number, label: string): Promise<void> {
  const workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
  for (let i = 0; i < count; i++) {
    await workos.auditLogs.createEvent(organizationId, {
      action: "document.updated",
      occurredAt: new Date(),
      actor: { id: `user_${label}_${i}`, name: `User ${i}`, type: "user" },
      targets: [{ id: `doc_${i}`, type: "document" }],
      context: { location: "203.0.113.7" },
    });
  }
}

describe("a delivering process killed with -9", () => {
  it("loses nothing after a restart on the same database, and repeats only the batch that was never acknowledged", { timeout: 300_000 }, async () => {
    const path = "/crash";
    const seeded = 2500;
    const throughApi = 40;
    let eventBatches = 0;
    const held: { ids: string[]; release?: (answer: Answer) => void } = { ids: [] };
    receiver.respond((request) => {
      if (request.path !== path || idsIn(request).length === 0) return { status: 200 };
      eventBatches++;
      // The second batch is never answered: the process that sent it dies waiting.
      if (eventBatches === 2) {
        held.ids = idsIn(request);
        return new Promise<Answer>((resolve) => (held.release = resolve));
      }
      return { status: 200 };
    });

    const database = await freshDatabaseEnv();
    cleanups.push(database.cleanup);
    const { organizationId, apiKey, before } = await seedDatabase(database.env, async (db) => {
      const admin = await asStaff(db, "admin");
      const organizationId = (await createOrganization(admin, { name: "Killed mid-batch" })).id;
      const saved = await saveLogStream(admin, { organizationId, stream: { kind: "https", url: `${receiver.url}${path}`, format: "json", headers: [] } });
      expect(saved.saved).toBe(true);
      // What the organization's log holds already (the stream's own creation is in it), sent like the rest.
      const before = (await storedIds(db, organizationId)).length;
      await recordEvents(db, organizationId, seeded);
      return { organizationId, apiKey: (await createApiKey(admin, { name: "crash" })).secret, before };
    });
    // A short lease, so the new process takes the dead one's stream over within seconds.
    const env = { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", LOG_STREAM_LEASE_MS: "20000" };

    const first = await startServer({ database, env });
    servers.push(first);
    await ingestThroughApi(first, apiKey, organizationId, throughApi, "first");
    await until(() => held.release !== undefined, 60_000, "the second batch to arrive");
    expect(held.ids.length).toBeGreaterThan(0);
    first.kill();
    expect(await first.exited).toBeNull();
    held.release!({ status: 200 });

    const second = await startServer({ database, env });
    servers.push(second);
    await ingestThroughApi(second, apiKey, organizationId, throughApi, "second");
    const expected = before + seeded + 2 * throughApi;
    await until(() => new Set(arrivedAt(path)).size >= expected, 120_000, "every event to arrive");
    await second.stop({ keepDatabase: true });

    const handle = await openServerDatabase(database.env);
    const stored = await storedIds(handle.db, organizationId).finally(() => handle.close());
    expect(stored).toHaveLength(expected);
    const arrived = arrivedAt(path);
    const firstSeen = [...new Set(arrived)];
    expect(firstSeen).toEqual(stored);
    // At least once: the batch the dead process never saw acknowledged came again, and nothing else did.
    const counts = new Map<string, number>();
    for (const id of arrived) counts.set(id, (counts.get(id) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    expect(arrived.length - firstSeen.length).toBeLessThanOrEqual(BATCH_SIZE);
    expect(repeated.every((id) => held.ids.includes(id) && counts.get(id) === 2)).toBe(true);
    expect(held.ids.every((id) => counts.get(id) === 2)).toBe(true);
  });
});

describe("two instances on one Postgres", () => {
  it("deliver every stream in order and never send one batch twice", { timeout: 300_000 }, async () => {
    // More streams than one instance works on at once (8), so both instances hold some.
    const streams = 12;
    const perStream = 300;
    receiver.respond((request) =>
      request.path.startsWith("/pair/")
        ? new Promise<Answer>((resolve) => setTimeout(() => resolve({ status: 200 }), 20 + Math.random() * 100))
        : { status: 200 },
    );
    const database = await createPostgresDatabase(localPostgresUrl);
    cleanups.push(database.drop);
    const handle = await openPostgres(database.url, { max: 6 });
    cleanups.push(() => handle.close());
    await runMigrations(handle);
    const admin = await asStaff(handle.db, "admin");
    const organizations: string[] = [];
    for (let i = 0; i < streams; i++) {
      const organizationId = (await createOrganization(admin, { name: `Pair ${i}` })).id;
      const saved = await saveLogStream(admin, { organizationId, stream: { kind: "https", url: `${receiver.url}/pair/${i}`, format: "json", headers: [] } });
      expect(saved.saved).toBe(true);
      organizations.push(organizationId);
    }
    const shared = { env: { DATABASE_URL: database.url }, cleanup: async () => {} };
    const env = { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", LOG_STREAM_BATCH_WINDOW_MS: "100" };
    const [a, b] = await Promise.all([startServer({ database: shared, env }), startServer({ database: shared, env })]);
    servers.push(a!, b!);

    // Events keep arriving while both instances deliver: many small batches, each claimed anew.
    for (let round = 0; round < perStream / 25; round++) {
      await Promise.all(organizations.map((organizationId) => recordEvents(handle.db, organizationId, 25)));
    }
    const stored = await Promise.all(organizations.map((organizationId) => storedIds(handle.db, organizationId)));
    expect(stored.every((ids) => ids.length > perStream)).toBe(true);
    await until(() => stored.every((ids, i) => new Set(arrivedAt(`/pair/${i}`)).size >= ids.length), 120_000, "every stream to catch up");
    await Promise.all([a!.stop({ keepDatabase: true }), b!.stop({ keepDatabase: true })]);

    // Every answer was 200: any id arriving twice would be a batch sent twice.
    for (const [i, ids] of stored.entries()) expect(arrivedAt(`/pair/${i}`)).toEqual(ids);
    expect(receiver.received.filter((r) => r.path.startsWith("/pair/")).length).toBeGreaterThan(streams * 2);
  });
});
