/**
 * SCIM 2.0 server and Directory Sync API on Postgres, each measurement next to a bare node:http +
 * postgres.js server (one statement per request, no auth, validation, events or log) run in the
 * same process tree, on the same database, in the same run.
 *
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- scim
 *   (BENCH_QUICK=1 runs everything at a tenth of the size, to check the benchmark itself.)
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { usingPostgres } from "../tests/support/db";
import { projectRoot } from "../tests/support/paths";
import { freePort, freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { LoadClient, run, stats, type Reply, type Stats } from "./support/load";
import { perSecond, reportRow } from "./support/report";
import { seedDirectoryUsers } from "./support/seed-users";

const quick = process.env.BENCH_QUICK === "1";
const createsOnly = process.env.BENCH_SCIM_CREATES_ONLY === "1";
const scale = (n: number) => (quick ? Math.ceil(n / 10) : n);
const USERS = scale(10_000);
const [GROUPS, MEMBERS_PER_GROUP] = [100, 50];
const BIG_DIRECTORY = scale(100_000);
const SAMPLES = scale(1000);

const patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const userBody = (userName: string, i: number) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  name: { givenName: "Bench", familyName: `User ${i}` },
  emails: [{ primary: true, value: userName, type: "work" }],
  displayName: `Bench User ${i}`,
  externalId: `ext-${userName}`,
  active: true,
});
const addMembers = (ids: string[]) => ({ schemas: [patchOp], Operations: [{ op: "add", path: "members", value: ids.map((value) => ({ value })) }] });
const ok = (statuses: number[]) => statuses;
const idOf = (reply: Reply) => (JSON.parse(reply.body) as { id: string }).id;

async function startBare(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`create table bench_bare_users (id text primary key, user_name text not null, raw jsonb not null, created_at timestamptz not null default now())`;
  await sql`create unique index bench_bare_users_user_name_idx on bench_bare_users (lower(user_name))`;
  await sql`create table bench_bare_members (group_id text not null, user_id text not null, primary key (group_id, user_id))`;
  await sql.end();
  const port = await freePort();
  const child = spawn(path.join(projectRoot, "node_modules", ".bin", "tsx"), [path.join(projectRoot, "bench", "support", "bare-server.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => process.kill(-child.pid!, "SIGTERM") };
}

type Pair = { portico: Stats; bare: Stats; note?: string };
/** A scenario's target, checked on its pair and shown in the table `npm run bench` prints. */
type Target = { text: string; met: (pair: Pair) => boolean };
const ratio = (p: Pair) => Math.round((p.portico.perSecond / p.bare.perSecond) * 100) / 100;
const atLeast = (times: number): Target => ({ text: `>= ${times}x bare`, met: (p) => ratio(p) >= times });

async function main() {
  if (!usingPostgres) throw new Error("This benchmark measures Postgres: set TEST_DATABASE_URL (see the header of bench/scim.bench.ts).");
  buildIfNeeded();
  const database = await freshDatabaseEnv();
  const databaseUrl = database.env.DATABASE_URL!;
  const key = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({ database, env: { API_RATE_LIMIT_PER_MINUTE: "1000000" } });
  const bare = await startBare(databaseUrl);
  const api = new LoadClient(server.url, { Authorization: `Bearer ${key}`, "Content-Type": "application/json" });
  const bareClient = new LoadClient(bare.url, {});
  const clients: LoadClient[] = [api, bareClient];
  const newDirectory = async (label: string) => {
    const org = idOf(await api.send("POST", "/organizations", { name: `Bench ${label}` }));
    const created = JSON.parse((await api.send("POST", "/directories", { organization_id: org, type: "okta" })).body) as {
      id: string;
      scim_base_url: string;
      bearer_token: string;
    };
    const client = new LoadClient(created.scim_base_url, { Authorization: `Bearer ${created.bearer_token}`, Accept: "application/scim+json" });
    clients.push(client);
    return { id: created.id, scim: client, headers: { Authorization: `Bearer ${created.bearer_token}`, Accept: "application/scim+json" } };
  };
  const results: Record<string, Pair> = {};
  // The machine may be shared: the load before and after says how much of it this run had.
  const loadBefore = loadavg().map((n) => Math.round(n * 100) / 100);
  const log = (name: string, pair: Pair, target?: Target) => {
    results[name] = pair;
    reportRow({
      scenario: `SCIM ${name}`,
      portico: perSecond(pair.portico),
      bare: perSecond(pair.bare),
      ratio: ratio(pair),
      target: target?.text ?? "-",
      met: target?.met(pair),
    });
    const f = (s: Stats) => `${s.perSecond}/s p50 ${s.p50} ms p95 ${s.p95} ms`;
    console.log(`${name}\n  portico ${f(pair.portico)}\n  bare    ${f(pair.bare)}${pair.note ? `\n  (${pair.note})` : ""}`);
  };

  try {
    // Warm both servers (JIT, connection pools, Next's route compilation) before any measurement.
    const warm = await newDirectory("warm-up");
    await run(300, 10, (i) => warm.scim.send("POST", "/Users", userBody(`warm${i}@bench.example.com`, i)), ok([201]));
    await run(300, 10, (i) => bareClient.send("POST", "/Users", userBody(`warm${i}@bench.example.com`, i)), ok([201]));
    await run(200, 4, () => warm.scim.send("GET", `/Users?filter=${encodeURIComponent('userName eq "warm1@bench.example.com"')}`), ok([200]));

    for (const concurrency of createsOnly ? [10] : [1, 10]) {
      const dir = await newDirectory(`c${concurrency}`);
      const name = (i: number) => `c${concurrency}.user${i}@bench.example.com`;
      const portico = await run(USERS, concurrency, (i) => dir.scim.send("POST", "/Users", userBody(name(i), i)), ok([201]));
      const bareStats = await run(USERS, concurrency, (i) => bareClient.send("POST", "/Users", userBody(name(i), i)), ok([201]));
      log(
        `POST /Users, ${USERS} users, concurrency ${concurrency}`,
        { portico, bare: bareStats },
        concurrency === 10 ? { text: ">= 0.4x bare, p95 < 20 ms", met: (p) => ratio(p) >= 0.4 && p.portico.p95 < 20 } : undefined,
      );
      if (concurrency !== 10 || createsOnly) continue;

      // Membership: 100 groups, 50 members each, on the directory that now holds the 10,000 users.
      const users = await listIds(dir.scim, USERS);
      const groupsOf = async (label: string) => {
        const ids: string[] = [];
        await run(
          GROUPS,
          10,
          async (g) => {
            const reply = await dir.scim.send("POST", "/Groups", {
              schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
              displayName: `${label} ${g}`,
              members: [],
            });
            ids[g] = idOf(reply);
            return reply;
          },
          ok([201]),
        );
        return ids;
      };
      const membersOf = (g: number) => users.slice((g * MEMBERS_PER_GROUP) % users.length, ((g * MEMBERS_PER_GROUP) % users.length) + MEMBERS_PER_GROUP);
      const batched = await groupsOf("Batched");
      const p1 = await run(GROUPS, 10, (g) => dir.scim.send("PATCH", `/Groups/${batched[g]}`, addMembers(membersOf(g))), ok([204]));
      const b1 = await run(GROUPS, 10, (g) => bareClient.send("PATCH", `/Groups/b${g}`, addMembers(membersOf(g))), ok([204]));
      log(`PATCH /Groups, ${GROUPS} groups x ${MEMBERS_PER_GROUP} members, 50 members per PATCH, concurrency 10`, {
        portico: p1,
        bare: b1,
        note: `members/s: portico ${Math.round((GROUPS * MEMBERS_PER_GROUP) / p1.seconds)}, bare ${Math.round((GROUPS * MEMBERS_PER_GROUP) / b1.seconds)}`,
      });
      const single = await groupsOf("Single");
      const total = GROUPS * MEMBERS_PER_GROUP;
      const member = (i: number) => membersOf(Math.floor(i / MEMBERS_PER_GROUP))[i % MEMBERS_PER_GROUP]!;
      const p2 = await run(
        total,
        10,
        (i) => dir.scim.send("PATCH", `/Groups/${single[Math.floor(i / MEMBERS_PER_GROUP)]}`, addMembers([member(i)])),
        ok([204]),
      );
      const b2 = await run(total, 10, (i) => bareClient.send("PATCH", `/Groups/s${Math.floor(i / MEMBERS_PER_GROUP)}`, addMembers([member(i)])), ok([204]));
      log(
        `PATCH /Groups, ${GROUPS} groups x ${MEMBERS_PER_GROUP} members, 1 member per PATCH, concurrency 10`,
        {
          portico: p2,
          bare: b2,
          note: `members/s: portico ${Math.round(total / p2.seconds)}, bare ${Math.round(total / b2.seconds)}`,
        },
        { text: "> 1,000 members/s", met: (p) => p.portico.perSecond > 1000 },
      );

      // Reads over the 10,000-user directory, one at a time: latency rather than throughput. The
      // tables are analyzed first, as autovacuum does within a minute of a bulk load: right after
      // 10,000 inserts the planner still believes the directory nearly empty, and sorts instead of
      // reading the (directory_id, id) index (a list of 100 then takes ~25 ms instead of ~5 ms).
      await analyze(databaseUrl);
      const pageAt = (i: number) => ((i * 37) % Math.floor(USERS / 100)) * 100 + 1;
      log(
        `GET /Users?startIndex=..&count=100 over ${USERS} users, concurrency 1`,
        {
          portico: await run(SAMPLES, 1, (i) => dir.scim.send("GET", `/Users?startIndex=${pageAt(i)}&count=100`), ok([200])),
          bare: await run(SAMPLES, 1, (i) => bareClient.send("GET", `/Users?startIndex=${pageAt(i)}&count=100`), ok([200])),
        },
        atLeast(0.3),
      );
      // IdPs look users up before creating them, in whatever case they hold the name.
      const lookup = (i: number) => `/Users?filter=${encodeURIComponent(`userName eq "C10.USER${(i * 7919) % USERS}@bench.example.com"`)}`;
      log(
        `GET /Users?filter=userName eq (case-insensitive) over ${USERS} users, concurrency 1`,
        {
          portico: await run(SAMPLES, 1, (i) => dir.scim.send("GET", lookup(i)), ok([200])),
          bare: await run(SAMPLES, 1, (i) => bareClient.send("GET", lookup(i)), ok([200])),
        },
        atLeast(0.3),
      );
    }

    // Every core: the same creates through a server running one worker per core on the same database.
    const workers = cpus().length;
    const cluster = await startServer({ database, keepDatabase: true, env: { API_RATE_LIMIT_PER_MINUTE: "1000000", WEB_CONCURRENCY: String(workers) } });
    try {
      for (let i = 0; i < 600 && !cluster.output().includes('"workers started"'); i++) await new Promise((r) => setTimeout(r, 100));
      const dir = await newDirectory("all-workers");
      const onCluster = new LoadClient(`${cluster.url}/scim/v2/${dir.id}`, dir.headers);
      clients.push(onCluster);
      const name = (i: number) => `all.user${i}@bench.example.com`;
      await run(300, 10, (i) => onCluster.send("POST", "/Users", userBody(`warm.${name(i)}`, i)), ok([201]));
      log(
        `POST /Users, ${USERS} users, concurrency 10, ${workers} workers`,
        {
          portico: await run(USERS, 10, (i) => onCluster.send("POST", "/Users", userBody(name(i), i)), ok([201])),
          bare: await run(USERS, 10, (i) => bareClient.send("POST", "/Users", userBody(name(i), i)), ok([201])),
        },
        { text: ">= 0.4x bare, p95 < 20 ms", met: (p) => ratio(p) >= 0.4 && p.portico.p95 < 20 },
      );
    } finally {
      await cluster.stop({ keepDatabase: true });
    }

    if (createsOnly) return;
    // The Directory Sync API over 100,000 users (seeded with set-based SQL, see seed-users.ts).
    const big = await newDirectory("100k");
    const seeded = performance.now();
    await seedDirectoryUsers(databaseUrl, big.id, BIG_DIRECTORY, GROUPS);
    console.log(`seeded ${BIG_DIRECTORY} users in ${Math.round(performance.now() - seeded)} ms`);
    const first = `/directory_users?directory=${big.id}&limit=100`;
    for (const concurrency of [1, 4]) {
      log(
        `GET /directory_users?limit=100 (first page) over ${BIG_DIRECTORY} users, concurrency ${concurrency}`,
        {
          portico: await run(SAMPLES, concurrency, () => api.send("GET", first), ok([200])),
          bare: await run(SAMPLES, concurrency, () => bareClient.send("GET", first), ok([200])),
        },
        { text: "p95 < 20 ms", met: (p) => p.portico.p95 < 20 },
      );
    }
    // Every page once, following `after` as the SDK's autoPagination() does.
    log(`GET /directory_users?limit=100&after=.. walking all ${BIG_DIRECTORY / 100} pages, concurrency 1`, {
      portico: await walk(api, first),
      bare: await walk(bareClient, first),
    });

    const report = {
      benchmark: "SCIM 2.0 server and Directory Sync API",
      database: "postgres",
      quick,
      machine: { cpus: cpus().length, loadAverageBefore: loadBefore, loadAverageAfter: loadavg().map((n) => Math.round(n * 100) / 100) },
      targets: { createsPerSecondAtConcurrency10: 500, createP95Ms: 25, memberAddsPerSecond: 1000 },
      results: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, throughputRatio: ratio(v) }])),
    };
    writeFileSync("bench/results/scim.json", JSON.stringify(report, null, 2));
    // Runs on a shared machine disagree: each one is kept, so their spread can be read.
    writeFileSync(`bench/results/scim-${new Date().toISOString().replace(/[:.]/g, "-")}.json`, JSON.stringify(report, null, 2));
    console.log(`\nload average before ${loadBefore.join(" ")}, after ${report.machine.loadAverageAfter.join(" ")} (${cpus().length} cores)`);
    console.log("written to bench/results/scim.json");
  } finally {
    for (const client of clients) client.close();
    bare.stop();
    await server.stop();
  }
}

async function analyze(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`analyze`.finally(() => sql.end());
}

/** Every user id of a directory, through SCIM paging. */
async function listIds(scim: LoadClient, total: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 1; start <= total; start += 1000) {
    const page = JSON.parse((await scim.send("GET", `/Users?startIndex=${start}&count=1000&attributes=id`)).body) as { Resources: { id: string }[] };
    ids.push(...page.Resources.map((r) => r.id));
  }
  return ids;
}

async function walk(client: LoadClient, firstPath: string): Promise<Stats> {
  let next: string | null = firstPath;
  const latencies: number[] = [];
  const started = performance.now();
  while (next) {
    const t = performance.now();
    const reply = await client.send("GET", next);
    latencies.push(performance.now() - t);
    if (reply.status !== 200) throw new Error(`${next} answered ${reply.status}`);
    const after = (JSON.parse(reply.body) as { list_metadata: { after: string | null } }).list_metadata.after;
    next = after ? `${firstPath}&after=${after}` : null;
  }
  return stats(latencies, (performance.now() - started) / 1000);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
