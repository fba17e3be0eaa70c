/**
 * Log streams: audit-log events committed at a steady rate into one organization whose stream points at a
 * generic HTTPS-style receiver on loopback, delivered by the server's own worker. Reports events per second
 * delivered while ingest runs, and the lag from each event's commit to its receipt (p50, p95, max).
 * Targets: 5,000 events/s delivered, p95 lag under 2 s.
 *
 * Ingest writes the rows the API's ingest writes (its own row builder), BENCH_RATE a second in one
 * multi-row statement every 100 ms on the wall clock, from a few connections, and announces them as the
 * API does. `ingest` shows whether the writers kept pace: offered against achieved rate, and how late the
 * batches committed against their schedule; delivery can go no faster than what was achieved.
 * The second phase measures delivery alone: a backlog written while the stream is paused (BENCH_BACKLOG
 * events, 0 to skip), then sent as fast as the worker can (`drain`).
 * Run: TEST_DATABASE_URL=postgres://... npm run bench -- log-streams (BENCH_SECONDS, BENCH_RATE, BENCH_BACKLOG)
 */
import { writeFileSync } from "node:fs";
import { getTableColumns, sql } from "drizzle-orm";
import { type Db, openPostgres } from "../db/client";
import { auditLogEvents } from "../db/schema";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { auditLogEventRow } from "../server/services/audit-logs/ingest";
import type { ServiceContext } from "../server/services/context";
import { saveLogStream, setLogStreamPaused } from "../server/services/log-streams";
import { announceAuditLogEvents } from "../server/services/log-streams/wake";
import { createOrganization } from "../server/services/organizations";
import { startLogReceiver } from "../tests/support/log-receiver";
import { freshDatabaseEnv, startServer } from "../tests/support/server";
import { reportRow } from "./support/report";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 20_000);
const TICK_MS = 100;
const WRITERS = 4;

function rowOf(organizationId: string, n: number) {
  const actor = { id: `user_${n % 500}`, type: "user", name: `User ${n % 500}` };
  return auditLogEventRow({
    organizationId,
    action: "user.signed_in",
    occurredAt: new Date(),
    actor,
    targets: [{ id: "team_1", type: "team", name: "Team" }],
    location: "203.0.113.7",
    userAgent: "bench",
    metadata: { n },
  });
}

type Row = ReturnType<typeof rowOf>;
const columns = getTableColumns(auditLogEvents);

/**
 * Many rows in one statement with one parameter: the rows as JSON, typed by the table's own column
 * definitions. (Drizzle's multi-row `values()` binds one parameter per cell, and building that costs the
 * writer more CPU than the rate leaves it.)
 */
async function insertRows(db: Db, rows: Row[]): Promise<void> {
  const keys = Object.keys(rows[0]!) as (keyof Row & keyof typeof columns)[];
  const names = keys.map((key) => `"${columns[key].name}"`);
  const typed = keys.map((key) => `"${columns[key].name}" ${columns[key].getSQLType()}`);
  const json = rows.map((row) => Object.fromEntries(keys.map((key) => [columns[key].name, row[key]])));
  await db.execute(
    sql`insert into ${auditLogEvents} (${sql.raw(names.join(", "))})
      select ${sql.raw(names.join(", "))} from jsonb_to_recordset(${JSON.stringify(json)}::jsonb) as x(${sql.raw(typed.join(", "))})`,
  );
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
    const commitLate: number[] = [];
    const inFlight = new Set<Promise<unknown>>();
    for (let tick = 0; tick < ticks; tick++) {
      const due = started + tick * TICK_MS;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else if (wait < -TICK_MS) behind++;
      const rows = Array.from({ length: perTick }, (_, i) => rowOf(organizationId, tick * perTick + i));
      // Several writers at once, as API instances would: a slow insert does not hold back the schedule.
      while (inFlight.size >= WRITERS) await Promise.race(inFlight);
      const insert = insertRows(writer.db, rows)
        .then(() => {
          const at = Date.now();
          commitLate.push(at - due);
          for (const row of rows) committedAt.set(row.id, at);
          announceAuditLogEvents(writer.db, organizationId);
        })
        .finally(() => inFlight.delete(insert));
      inFlight.add(insert);
    }
    await Promise.all(inFlight);
    const ingestEnded = Date.now();
    const ingestSeconds = (ingestEnded - started) / 1000;
    commitLate.sort((a, b) => a - b);
    const deliveredDuringIngest = [...receivedAt.values()].filter((t) => t <= ingestEnded).length;
    // Once the stream has caught up with the start (the first 2 s), what arrives per second while ingest runs.
    const steadyFrom = started + 2000;
    const deliveredSteady = [...receivedAt.values()].filter((t) => t > steadyFrom && t <= ingestEnded).length;
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
        await insertRows(writer.db, rows);
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
      ingest: {
        offeredPerSecond: RATE,
        achievedPerSecond: Math.round(committedAt.size / ingestSeconds),
        events: committedAt.size,
        // Each 100 ms batch's commit against its place on the schedule; ticks that started over 100 ms late.
        commitLateMs: { p50: pick(commitLate, 0.5), p95: pick(commitLate, 0.95), max: commitLate.at(-1) ?? Number.NaN },
        ticksBehindSchedule: behind,
      },
      delivered: lags.length,
      lost: committedAt.size - lags.length,
      duplicates,
      requests,
      deliveredPerSecondDuringIngest: Math.round(deliveredDuringIngest / ingestSeconds),
      deliveredPerSecondSteady: Math.round(deliveredSteady / ((ingestEnded - steadyFrom) / 1000)),
      deliveredPerSecondOverall: Math.round(lags.length / ((lastReceipt - started) / 1000)),
      lagMs: { p50: pick(sorted, 0.5), p95: pick(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN },
      drain,
      targets: { deliveredPerSecond: 5000, p95LagMs: 2000 },
    };
    console.log(JSON.stringify(report, null, 2));
    writeFileSync("bench/results/log-streams.json", JSON.stringify(report, null, 2));
    // Delivery keeps up when it matches what was actually ingested (the offered 5,000/s when the writers kept pace).
    const keptUp = report.deliveredPerSecondSteady >= 0.98 * Math.min(RATE, report.ingest.achievedPerSecond);
    reportRow({
      scenario: `Log streams: generic HTTPS while ${RATE}/s are ingested (achieved ${report.ingest.achievedPerSecond}/s)`,
      portico: `${report.deliveredPerSecondSteady}/s delivered (steady), lag p50 ${report.lagMs.p50} ms, p95 ${report.lagMs.p95} ms, lost ${report.lost}`,
      target: "5,000/s delivered, p95 lag < 2 s",
      met: keptUp && report.ingest.achievedPerSecond >= 0.98 * RATE && report.lagMs.p95 < 2000 && report.lost === 0,
    });
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
