/**
 * Log streams: audit-log events committed at a steady rate into one organization whose stream points at a
 * generic HTTPS-style receiver on loopback, delivered by the server's own worker. Reports events per second
 * delivered while ingest runs, and the lag from commit to receipt (p50, p95, max).
 * Targets: 5,000 events/s delivered, p95 lag under 2 s.
 *
 * On a busy machine the writers may not reach the target rate (`ingestTicksBehindSchedule`), and delivery
 * can then go no faster than ingest. The second phase measures delivery alone: a backlog written while the
 * stream is paused (BENCH_BACKLOG events, 0 to skip), then sent as fast as the worker can (`drain`).
 * Run: TEST_DATABASE_URL=postgres://... npm run bench -- log-streams (BENCH_SECONDS, BENCH_RATE, BENCH_BACKLOG)
 */
import { writeFileSync } from "node:fs";
import { openPostgres } from "../db/client";
import { auditLogEvents } from "../db/schema";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { newId } from "../server/ids";
import type { ServiceContext } from "../server/services/context";
import { saveLogStream, setLogStreamPaused } from "../server/services/log-streams";
import { createOrganization } from "../server/services/organizations";
import { startLogReceiver } from "../tests/support/log-receiver";
import { freshDatabaseEnv, startServer } from "../tests/support/server";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const TICK_MS = 100;
const WRITERS = 4;

function rowOf(organizationId: string, n: number) {
  const actor = { id: `user_${n % 500}`, type: "user", name: `User ${n % 500}` };
  return {
    id: newId("audit_log_event"),
    organizationId,
    action: "user.signed_in",
    occurredAt: new Date(),
    actorId: actor.id,
    actorName: actor.name,
    actorType: actor.type,
    actor,
    targets: [{ id: "team_1", type: "team", name: "Team" }],
    searchText: `${actor.name} ${actor.id} team team_1`.toLowerCase(),
    location: "203.0.113.7",
    userAgent: "bench",
    metadata: { n },
  };
}

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

async function main() {
  if (!process.env.TEST_DATABASE_URL) throw new Error("The log-streams benchmark runs on Postgres: set TEST_DATABASE_URL.");
  buildIfNeeded();
  // The stream is saved from this process (its test event goes to the loopback receiver too).
  process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = "true";
  const receivedAt = new Map<string, number>();
  let duplicates = 0;
  let requests = 0;
  const receiver = await startLogReceiver();
  receiver.respond((request) => {
    const now = Date.now();
    requests++;
    for (const entry of JSON.parse(request.body) as { event: { id: string } }[]) {
      if (receivedAt.has(entry.event.id)) duplicates++;
      else receivedAt.set(entry.event.id, now);
    }
    receiver.received.length = 0;
    return { status: 200 };
  });
  const database = await freshDatabaseEnv();
  process.env.ENCRYPTION_KEY = database.env.ENCRYPTION_KEY;
  const server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  const writer = await openPostgres(database.env.DATABASE_URL!, { max: WRITERS });
  try {
    const system: ServiceContext = { db: writer.db, actor: { type: "system", reason: "bench" } };
    const organizationId = (await createOrganization(system, { name: "Bench Org" })).id;
    const saved = await saveLogStream(system, { organizationId, stream: { kind: "https", url: `${receiver.url}/bench`, format: "json", headers: [] } });
    if (!saved.saved) throw new Error("the stream was not saved");

    const committedAt = new Map<string, number>();
    const perTick = Math.round((RATE * TICK_MS) / 1000);
    const started = Date.now();
    const ticks = Math.round((SECONDS * 1000) / TICK_MS);
    let behind = 0;
    const inFlight = new Set<Promise<unknown>>();
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * TICK_MS;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else behind++;
      const rows = Array.from({ length: perTick }, (_, i) => rowOf(organizationId, tick * perTick + i));
      // Several writers at once, as API instances would: a slow insert does not hold back the schedule.
      while (inFlight.size >= WRITERS) await Promise.race(inFlight);
      const insert = writer.db
        .insert(auditLogEvents)
        .values(rows)
        .then(() => {
          const at = Date.now();
          for (const row of rows) committedAt.set(row.id, at);
        })
        .finally(() => inFlight.delete(insert));
      inFlight.add(insert);
    }
    await Promise.all(inFlight);
    const ingestEnded = Date.now();
    const ingestSeconds = (ingestEnded - started) / 1000;
    const deliveredDuringIngest = [...receivedAt.values()].filter((t) => t <= ingestEnded).length;
    const deadline = Date.now() + 120_000;
    while ([...committedAt.keys()].some((id) => !receivedAt.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const lags = [...committedAt].filter(([id]) => receivedAt.has(id)).map(([id, at]) => receivedAt.get(id)! - at);
    const sorted = lags.sort((a, b) => a - b);
    const lastReceipt = Math.max(...receivedAt.values());

    // Delivery alone: the backlog is written while the stream is paused, then sent after Resume.
    let drain: { events: number; seconds: number; perSecond: number } | null = null;
    if (BACKLOG > 0) {
      await setLogStreamPaused(system, { organizationId, paused: true });
      const backlog: string[] = [];
      for (let n = 0; n < BACKLOG; n += 1000) {
        const rows = Array.from({ length: Math.min(1000, BACKLOG - n) }, (_, i) => rowOf(organizationId, 1_000_000 + n + i));
        await writer.db.insert(auditLogEvents).values(rows);
        backlog.push(...rows.map((r) => r.id));
      }
      const resumed = Date.now();
      await setLogStreamPaused(system, { organizationId, paused: false });
      const drainDeadline = Date.now() + 120_000;
      while (backlog.some((id) => !receivedAt.has(id)) && Date.now() < drainDeadline) await new Promise((r) => setTimeout(r, 100));
      const drained = backlog.filter((id) => receivedAt.has(id));
      const seconds = (Math.max(...drained.map((id) => receivedAt.get(id)!)) - resumed) / 1000;
      drain = { events: drained.length, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(drained.length / seconds) };
    }
    const report = {
      seconds: SECONDS,
      targetIngestPerSecond: RATE,
      ingested: committedAt.size,
      ingestPerSecond: Math.round(committedAt.size / ingestSeconds),
      ingestTicksBehindSchedule: behind,
      delivered: lags.length,
      lost: committedAt.size - lags.length,
      duplicates,
      requests,
      deliveredPerSecondDuringIngest: Math.round(deliveredDuringIngest / ingestSeconds),
      deliveredPerSecondOverall: Math.round(lags.length / ((lastReceipt - started) / 1000)),
      lagMs: { p50: pick(sorted, 0.5), p95: pick(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN },
      drain,
      targets: { deliveredPerSecond: 5000, p95LagMs: 2000 },
    };
    console.log(JSON.stringify(report, null, 2));
    writeFileSync("bench/results/log-streams.json", JSON.stringify(report, null, 2));
  } finally {
    await writer.close();
    await server.stop();
    await receiver.close();
    await database.cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
