/**
 * Audit-log ingest and the viewer's query. `POST /audit_logs/events` through the built server at
 * concurrency 10, next to a bare node:http + postgres.js server doing one INSERT per request in the same
 * run; then the viewer's newest-first page (with and without filters) over the stored events, p95.
 * Run: TEST_DATABASE_URL=postgres://... npm run bench -- audit-logs
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import postgres from "postgres";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { perSecond, reportRow } from "./support/report";

async function load(send: () => Promise<Response>, seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await send();
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`answered ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: pick(0.5), p95: pick(0.95) };
}

const event = (organizationId: string, i: number) => ({
  organization_id: organizationId,
  event: {
    action: i % 3 ? "document.viewed" : "user.signed_in",
    occurred_at: new Date().toISOString(),
    actor: { id: `user_${i % 50}`, name: `User ${i % 50}`, type: "user", metadata: { role: "admin" } },
    targets: [{ id: `doc_${i}`, name: `Document ${i}`, type: "document" }],
    context: { location: "203.0.113.9", user_agent: "bench" },
    metadata: { i },
  },
});

async function main() {
  buildIfNeeded();
  const database = await freshDatabaseEnv();
  const url = database.env.DATABASE_URL;
  if (!url) throw new Error("Set TEST_DATABASE_URL: this benchmark compares against a bare Postgres INSERT.");
  const key = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({ database });
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  try {
    const org = await (await fetch(`${server.url}/organizations`, { method: "POST", headers, body: JSON.stringify({ name: "Bench" }) })).json();
    await sql`create table if not exists bench_bare_audit (id text primary key, organization_id text, body jsonb, created_at timestamptz default now())`;
    const bare = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { organization_id: string; event: unknown };
      await sql`insert into bench_bare_audit (id, organization_id, body) values (${randomUUID()}, ${body.organization_id}, ${sql.json(body.event as never)})`;
      res.writeHead(201, { "Content-Type": "application/json" }).end('{"success":true}');
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const barePort = (bare.address() as { port: number }).port;

    let i = 0;
    const ingest = () =>
      fetch(`${server.url}/audit_logs/events`, {
        method: "POST",
        headers: { ...headers, "Idempotency-Key": randomUUID() },
        body: JSON.stringify(event(org.id, i++)),
      });
    const bareIngest = () =>
      fetch(`http://127.0.0.1:${barePort}/`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(event(org.id, i++)) });
    await load(ingest, 2, 10);
    // Statements per request: each statement outside a transaction is one transaction in pg_stat_database
    // (its counters reach the view within a second or so).
    const databaseName = new URL(url).pathname.slice(1);
    const transactions = async () => {
      await new Promise((r) => setTimeout(r, 1500));
      return Number((await sql`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${databaseName}`)[0]!.n);
    };
    const before = await transactions();
    const portico = await load(ingest, 8, 10);
    const statementsPerRequest = ((await transactions()) - before - 1) / portico.requests;
    const baseline = await load(bareIngest, 8, 10);
    bare.close();

    // The viewer's query over a larger log: 100,000 more events for the organization, then its pages.
    await sql`insert into audit_log_events (id, organization_id, action, occurred_at, actor_id, actor_name, actor_type, actor, targets, search_text, location)
      select 'audit_log_event_bench' || g, ${org.id}, case when g % 3 = 0 then 'user.signed_in' else 'document.viewed' end,
        now() - (g || ' seconds')::interval, 'user_' || (g % 50), 'User ' || (g % 50), 'user',
        jsonb_build_object('id', 'user_' || (g % 50), 'type', 'user'), jsonb_build_array(jsonb_build_object('id', 'doc_' || g, 'type', 'document')),
        'user ' || (g % 50) || ' doc_' || g, '203.0.113.9'
      from generate_series(1, 100000) g`;
    await sql`analyze audit_log_events`;
    const viewer: Record<string, { p50: number; p95: number }> = {};
    const queries = {
      newest: () => sql`select * from audit_log_events where organization_id = ${org.id} order by occurred_at desc, id desc limit 26`,
      byAction: () =>
        sql`select * from audit_log_events where organization_id = ${org.id} and action = 'user.signed_in' order by occurred_at desc, id desc limit 26`,
      byActor: () =>
        sql`select * from audit_log_events where organization_id = ${org.id} and (actor_id = 'user_7' or actor_name = 'user_7') order by occurred_at desc, id desc limit 26`,
      deepPage: () =>
        sql`select * from audit_log_events where organization_id = ${org.id} and (occurred_at, id) < (now() - interval '20 hours', 'z') order by occurred_at desc, id desc limit 26`,
    };
    for (const [name, query] of Object.entries(queries)) {
      const times: number[] = [];
      for (let n = 0; n < 200; n++) {
        const started = performance.now();
        await query();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      viewer[name] = { p50: times[100]!, p95: times[190]! };
    }
    const report = {
      benchmark: "POST /audit_logs/events (concurrency 10) and the viewer's page query (100,000 events)",
      database: "postgres",
      portico: { ...portico, statementsPerRequest },
      bareNodeBaseline: baseline,
      ingestRatio: portico.perSecond / baseline.perSecond,
      viewerQueryMs: viewer,
      targets: { ingestRatio: 0.4, viewerP95Ms: 50 },
    };
    console.log(JSON.stringify(report, null, 2));
    reportRow({
      scenario: "Audit logs: POST /audit_logs/events, concurrency 10",
      portico: perSecond(portico),
      bare: perSecond(baseline),
      ratio: report.ingestRatio,
      target: ">= 0.4x bare",
      met: report.ingestRatio >= 0.4,
    });
    for (const [name, ms] of Object.entries(viewer)) {
      reportRow({ scenario: `Audit logs: viewer query ${name} (SQL only)`, portico: `p95 ${ms.p95.toFixed(1)} ms`, target: "p95 < 50 ms", met: ms.p95 < 50 });
    }
    writeFileSync("bench/results/audit-logs.json", JSON.stringify(report, null, 2));
  } finally {
    await sql.end();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
