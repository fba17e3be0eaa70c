/**
 * REST read path: `GET /organizations?limit=100` through the built server, next to a bare Node HTTP
 * server answering the same JSON from memory, measured in the same run on the same machine.
 * Run: npm run bench -- organizations   (uses TEST_DATABASE_URL when set, else PGlite)
 */
import { createServer } from "node:http";
import { writeFileSync } from "node:fs";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { perSecond, reportRow } from "./support/report";

async function measure(url: string, headers: Record<string, string>, seconds: number, concurrency: number) {
  const latencies: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const started = performance.now();
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return { requests: latencies.length, perSecond: latencies.length / seconds, p50: pick(0.5), p95: pick(0.95) };
}

async function main() {
  buildIfNeeded();
  const database = await freshDatabaseEnv();
  const key = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({ database });
  const headers = { Authorization: `Bearer ${key}` };
  try {
    for (let i = 0; i < 100; i++) {
      await fetch(`${server.url}/organizations`, {
        method: "POST",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify({ name: `Bench ${i}`, domain_data: [{ domain: `bench${i}.example.com`, state: "pending" }] }),
      });
    }
    const sample = await (await fetch(`${server.url}/organizations?limit=100`, { headers })).text();
    const bare = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(sample);
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const barePort = (bare.address() as { port: number }).port;
    await measure(`${server.url}/organizations?limit=100`, headers, 2, 4);
    const portico = await measure(`${server.url}/organizations?limit=100`, headers, 8, 4);
    const baseline = await measure(`http://127.0.0.1:${barePort}/`, {}, 8, 4);
    bare.close();
    const report = {
      benchmark: "GET /organizations?limit=100 (100 organizations, concurrency 4)",
      database: database.env.DATABASE_URL ? "postgres" : "pglite",
      portico,
      bareNodeBaseline: baseline,
      throughputRatio: portico.perSecond / baseline.perSecond,
    };
    console.log(JSON.stringify(report, null, 2));
    reportRow({
      scenario: `REST GET /organizations?limit=100, concurrency 4 (${report.database}; bare: the same JSON from memory)`,
      portico: perSecond(portico),
      bare: perSecond(baseline),
      ratio: report.throughputRatio,
      target: "-",
    });
    writeFileSync("bench/results/api-organizations.json", JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
