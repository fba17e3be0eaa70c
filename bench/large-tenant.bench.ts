/**
 * A large tenant on Postgres: 1,000,000 directory users across 1,000 directories, 100,000 organizations
 * (one domain each) and 1,000,000 events, seeded with set-based SQL (bench/support/seed-tenant.ts). Then
 * the p95 of the hot reads, sequentially (latency, not throughput): `GET /directory_users?limit=100` and
 * `GET /events` through the built server; the portal's users list and the dashboard's organization list and
 * search through their services (the tRPC procedures call exactly these). Each query's plan, with the
 * time it took, goes to bench/plans/<scenario>.txt.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- large-tenant
 *   LARGE_TENANT_SCALE=0.01 for a quick run at a hundredth of the size.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { openPostgres, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { listDirectoryUsers } from "@/server/services/directory-sync/api-users";
import { listOrganizations } from "@/server/services/organizations";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { usingPostgres } from "../tests/support/db";
import { projectRoot } from "../tests/support/paths";
import { freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { LoadClient, run, stats, type Stats } from "./support/load";
import { reportRow } from "./support/report";
import { seedTenant, tenantSize } from "./support/seed-tenant";

const scale = Number(process.env.LARGE_TENANT_SCALE ?? 1);
const SAMPLES = 200;

async function timed(job: () => Promise<unknown>): Promise<Stats> {
  for (let i = 0; i < 10; i++) await job();
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await job();
    latencies.push(performance.now() - t);
  }
  return stats(latencies, (performance.now() - started) / 1000);
}

async function main() {
  if (!usingPostgres) throw new Error("This benchmark measures Postgres: set TEST_DATABASE_URL (see the header of bench/large-tenant.bench.ts).");
  buildIfNeeded();
  const size = tenantSize(scale);
  const database = await freshDatabaseEnv();
  const url = database.env.DATABASE_URL!;
  const migrator = await openPostgres(url, { max: 1 });
  await migrator.migrate();
  await migrator.close();
  // The services' statements, as sent, so each scenario's plan can be asked for afterwards.
  let captured: { query: string; params: unknown[] }[] = [];
  const client = postgres(url, { max: 1, onnotice: () => {}, debug: (_connection, query, params) => void captured.push({ query, params }) });
  const db = drizzle(client, { schema }) as unknown as Db;
  const seeding = performance.now();
  await seedTenant(client, size);
  const seededIn = Math.round((performance.now() - seeding) / 1000);
  console.log(`seeded ${JSON.stringify(size)} in ${seededIn} s`);

  const key = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({ database, env: { API_RATE_LIMIT_PER_MINUTE: "1000000" } });
  const api = new LoadClient(server.url, { Authorization: `Bearer ${key}` });
  const middle = (n: number) => String(Math.ceil(n / 2)).padStart(26, "0");
  const directoryId = `directory_${middle(size.directories)}`;
  const organizationId = `org_${middle(size.directories)}`;
  const staff: ServiceContext = { db, actor: { type: "staff", staffId: "user_bench", role: "viewer", email: "bench@example.com" } };
  const portal: ServiceContext = { db, actor: { type: "portal", sessionId: "portal_session_bench", organizationId, intents: ["dsync"] } };
  const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
  const label = `${k(size.directories * size.usersPerDirectory)} users, ${k(size.organizations)} orgs, ${k(size.events)} events`;

  const allTypes = "dsync.user.created,dsync.user.updated,organization.updated,connection.activated,dsync.group.user_added";
  const scenarios: { name: string; file: string; targetMs: number; http?: string; service?: () => Promise<unknown> }[] = [
    { name: "GET /directory_users?limit=100", file: "directory-users-api", targetMs: 20, http: `/directory_users?directory=${directoryId}&limit=100` },
    {
      name: "portal users list (first page of 25)",
      file: "portal-users-list",
      targetMs: 20,
      service: () => listDirectoryUsers(portal, { directory: directoryId, limit: 25 }),
    },
    {
      name: "portal users search",
      file: "portal-users-search",
      targetMs: 20,
      service: () => listDirectoryUsers(portal, { directory: directoryId, search: "user500", limit: 25 }),
    },
    {
      name: "dashboard organization list (first page of 10)",
      file: "dashboard-organizations",
      targetMs: 50,
      service: () => listOrganizations(staff, { limit: 10 }),
    },
    {
      name: "dashboard organization search",
      file: "dashboard-organizations-search",
      targetMs: 50,
      service: () => listOrganizations(staff, { search: "company 4242", limit: 10 }),
    },
    { name: "GET /events?events=(5 types)&limit=100", file: "events-api", targetMs: 20, http: `/events?events=${allTypes}&limit=100` },
    {
      name: "GET /events?events=(5 types)&organization_id=..&limit=100",
      file: "events-api-organization",
      targetMs: 20,
      http: `/events?events=${allTypes}&organization_id=${organizationId}&limit=100`,
    },
    { name: "GET /events?events=dsync.user.created&limit=100", file: "events-api-type", targetMs: 20, http: "/events?events=dsync.user.created&limit=100" },
  ];
  try {
    for (const scenario of scenarios) {
      const result = scenario.http ? await run(SAMPLES, 1, () => api.send("GET", scenario.http!), [200]) : await timed(scenario.service!);
      console.log(`${scenario.name}: p50 ${result.p50} ms, p95 ${result.p95} ms`);
      const sqlMs = await writePlan(
        client,
        scenario,
        () => (scenario.service ? scenario.service() : explainHttp(db, scenario.http!, directoryId)),
        () => {
          const out = captured;
          captured = [];
          return out;
        },
        () => (captured = []),
      );
      reportRow({
        scenario: `Large tenant (${label}): ${scenario.name}${scenario.http ? "" : " (service call)"}`,
        portico: `p95 ${result.p95} ms (its SQL: ${sqlMs.toFixed(2)} ms)`,
        target: `p95 < ${scenario.targetMs} ms`,
        met: result.p95 < scenario.targetMs,
      });
    }
  } finally {
    api.close();
    await server.stop();
    await client.end({ timeout: 5 });
  }
}

/** The API routes call these services: run the same call in-process to capture its statements. */
async function explainHttp(db: Db, http: string, directoryId: string): Promise<unknown> {
  const ctx: ServiceContext = { db, actor: { type: "apiKey", apiKeyId: "api_key_bench" } };
  const query = new URL(http, "http://x").searchParams;
  if (http.startsWith("/directory_users")) return listDirectoryUsers(ctx, { directory: directoryId, limit: 100 });
  const { listEvents } = await import("@/server/services/events/list");
  return listEvents(ctx, {
    limit: 100,
    organizationId: query.get("organization_id") ?? undefined,
    events: query.get("events")!.split(","),
  });
}

async function writePlan(
  client: postgres.Sql,
  scenario: { name: string; file: string },
  call: () => Promise<unknown>,
  take: () => { query: string; params: unknown[] }[],
  reset: () => void,
): Promise<number> {
  reset();
  await call();
  const statements = take();
  let executionMs = 0;
  const parts = [`-- ${scenario.name}: every statement the call sends, with EXPLAIN (ANALYZE, BUFFERS)`];
  for (const statement of statements) {
    const plan = await client.unsafe(`explain (analyze, buffers) ${statement.query}`, statement.params as never[]);
    for (const row of plan) executionMs += Number(/^Execution Time: ([\d.]+) ms/.exec(String(row["QUERY PLAN"]))?.[1] ?? 0);
    parts.push("", statement.query, `-- params: ${JSON.stringify(statement.params)}`, ...plan.map((row) => String(row["QUERY PLAN"])));
  }
  reset();
  writeFileSync(path.join(projectRoot, "bench", "plans", `${scenario.file}.txt`), `${parts.join("\n")}\n`);
  return executionMs;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
