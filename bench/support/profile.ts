/**
 * CPU profile of the built server under machine traffic: starts it with `node --cpu-prof` (one worker),
 * sends SCIM creates at concurrency 10 (or PROFILE=api: `GET /organizations`; PROFILE=audit: audit-log
 * events with an Idempotency-Key, as the SDK sends them; PROFILE=users: `GET /directory_users?limit=100`
 * over 10,000 seeded users; PROFILE=scimlist: SCIM `GET /Users?count=100` over 1,000, one at a time;
 * PROFILE_SQL: a statement run on the fresh database before the load), stops it, and prints
 * where the busy time went, grouped by origin (Next.js, the app's bundle, Node core, native/GC).
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx --conditions=react-server bench/support/profile.ts
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freshDatabaseEnv, runCli, startServer } from "../../tests/support/server";
import { LoadClient, run } from "./load";
import { seedDirectoryUsers } from "./seed-users";

const kind = process.env.PROFILE ?? "scim";
const TOTAL = Number(process.env.PROFILE_REQUESTS ?? 3000);

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}

function summarize(file: string) {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: Node[] };
  const byGroup = new Map<string, number>();
  const bySelf = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const { url, functionName } = node.callFrame;
    if (functionName === "(idle)" || functionName === "(program)" || !node.hitCount) continue;
    total += node.hitCount;
    const group = !url
      ? `native ${functionName}`
      : url.includes("node_modules/next/")
        ? "next"
        : url.startsWith("node:")
          ? "node core"
          : url.includes(".next/server")
            ? "app bundle"
            : "other js";
    byGroup.set(group.startsWith("native") ? "native/gc" : group, (byGroup.get(group.startsWith("native") ? "native/gc" : group) ?? 0) + node.hitCount);
    const key = `${functionName || "(anon)"} ${url.replace(/^.*node_modules\//, "").replace(/^.*\.next\//, ".next/")}:${node.callFrame.lineNumber}`;
    bySelf.set(key, (bySelf.get(key) ?? 0) + node.hitCount);
  }
  const pct = (n: number) => `${((n / total) * 100).toFixed(1)}%`;
  console.log(`busy samples ${total}`);
  for (const [k, v] of [...byGroup].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(v).padStart(6)} ${k}`);
  console.log("top self time:");
  for (const [k, v] of [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${pct(v).padStart(6)} ${k}`);
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "portico-prof-"));
  const database = await freshDatabaseEnv();
  const key = runCli(["create-api-key", "--name", "profile"], database.env).stdout.trim();
  if (process.env.PROFILE_SQL) {
    const { default: postgres } = await import("postgres");
    const sql = postgres(database.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    await sql.unsafe(process.env.PROFILE_SQL);
    await sql.end();
  }
  const server = await startServer({ database, env: { API_RATE_LIMIT_PER_MINUTE: "1000000" }, nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
  const api = new LoadClient(server.url, { Authorization: `Bearer ${key}`, "Content-Type": "application/json" });
  try {
    const org = JSON.parse((await api.send("POST", "/organizations", { name: "Profile" })).body).id as string;
    const created = JSON.parse((await api.send("POST", "/directories", { organization_id: org, type: "okta" })).body);
    const scim = new LoadClient(created.scim_base_url, { Authorization: `Bearer ${created.bearer_token}` });
    const user = (i: number) => ({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: `p${i}@profile.example.com`,
      name: { givenName: "P", familyName: `${i}` },
      emails: [{ value: `p${i}@profile.example.com`, primary: true }],
      active: true,
    });
    const started = performance.now();
    const auditEvent = (i: number) => ({
      organization_id: org,
      event: {
        action: "document.viewed",
        occurred_at: new Date().toISOString(),
        actor: { id: `user_${i % 50}`, name: `User ${i % 50}`, type: "user" },
        targets: [{ id: `doc_${i}`, name: `Document ${i}`, type: "document" }],
        context: { location: "203.0.113.9", user_agent: "profile" },
        metadata: { i },
      },
    });
    const stats =
      kind === "api"
        ? await run(TOTAL, 10, () => api.send("GET", "/organizations?limit=10"), [200])
        : kind === "users"
          ? await seedDirectoryUsers(database.env.DATABASE_URL!, created.id, 10_000, 20).then(() =>
              run(TOTAL, 10, () => api.send("GET", `/directory_users?directory=${created.id}&limit=100`), [200]),
            )
          : kind === "scimlist"
            ? await seedDirectoryUsers(database.env.DATABASE_URL!, created.id, 1000, 20).then(() =>
                run(TOTAL, 1, (i) => scim.send("GET", `/Users?startIndex=${1 + ((i * 100) % 900)}&count=100`), [200]),
              )
            : kind === "audit"
              ? await run(TOTAL, 10, (i) => api.send("POST", "/audit_logs/events", auditEvent(i), { "Idempotency-Key": `profile-${i}` }), [201])
              : await run(TOTAL, 10, (i) => scim.send("POST", "/Users", user(i)), [201]);
    console.log(`${kind}: ${stats.perSecond}/s p95 ${stats.p95} ms over ${Math.round(performance.now() - started)} ms`);
    scim.close();
  } finally {
    api.close();
    await server.stop();
  }
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  console.log(`profiles in ${dir}: ${files.join(", ")}`);
  for (const f of files) summarize(path.join(dir, f));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
