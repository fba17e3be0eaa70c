/**
 * Webhook delivery: events committed through the API (`POST /organizations`, each emitting
 * `organization.created`) with an endpoint subscribed, delivered to an HTTPS receiver on loopback. Reports
 * events committed per second and the delay from commit (the API's answer) to receipt, next to a bare
 * Node loop that signs and POSTs the same bodies to the same receiver in the same run.
 * Run: TEST_DATABASE_URL=postgres://... npm run bench -- webhooks
 */
import { writeFileSync } from "node:fs";
import { readFileSync } from "node:fs";
import https from "node:https";
import { openPostgres } from "../db/client";
import { buildIfNeeded } from "../scripts/build-if-needed.mjs";
import { pendingEvent, recordEvents } from "../server/services/events/record";
import { signatureHeader } from "../server/services/webhooks/signature";
import { freshDatabaseEnv, runCli, startServer } from "../tests/support/server";
import { startWebhookReceiver } from "../tests/support/webhook-receiver";
import { reportRow } from "./support/report";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = 8;

const pick = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: pick(sorted, 0.5), p95: pick(sorted, 0.95), max: sorted.at(-1) ?? NaN };
};

async function main() {
  buildIfNeeded();
  const receiver = await startWebhookReceiver();
  const database = await freshDatabaseEnv();
  const key = runCli(["create-api-key", "--name", "bench"], database.env).stdout.trim();
  const server = await startServer({
    database,
    env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", NODE_EXTRA_CA_CERTS: receiver.caFile, API_RATE_LIMIT_PER_MINUTE: "10000000" },
  });
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  try {
    const endpoint = await (
      await fetch(`${server.url}/webhook_endpoints`, {
        method: "POST",
        headers,
        body: JSON.stringify({ endpoint_url: receiver.url, events: ["organization.created"] }),
      })
    ).json();
    const committedAt = new Map<string, number>();
    let n = 0;
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < deadline) {
          const response = await fetch(`${server.url}/organizations`, { method: "POST", headers, body: JSON.stringify({ name: `Bench ${n++}` }) });
          const body = (await response.json()) as { id: string };
          if (!response.ok) throw new Error(`POST /organizations answered ${response.status}`);
          committedAt.set(body.id, Date.now());
        }
      }),
    );
    const elapsed = (Date.now() - started) / 1000;
    const ids = new Set(committedAt.keys());
    const drainStart = Date.now();
    const received = await receiver.waitFor((r) => ids.has(JSON.parse(r.body).data.id), ids.size, 120_000);
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const delays = received.map((r) => r.receivedAt - committedAt.get(JSON.parse(r.body).data.id)!);

    // The baseline: the same bodies, signed and POSTed by a bare loop at the same concurrency.
    const bodies = received.map((r) => r.body);
    const ca = readFileSync(receiver.caFile);
    const agent = new https.Agent({ keepAlive: true, ca });
    const baselineLatencies: number[] = [];
    const baseStart = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const t0 = performance.now();
          await new Promise<void>((resolve, reject) => {
            const request = https.request(
              `${receiver.url}?baseline`,
              {
                method: "POST",
                agent,
                headers: { "Content-Type": "application/json", "WorkOS-Signature": signatureHeader([endpoint.secret], Date.now(), body) },
              },
              (res) => {
                res.resume();
                res.on("end", resolve);
              },
            );
            request.on("error", reject);
            request.end(body);
          });
          baselineLatencies.push(performance.now() - t0);
        }
      }),
    );
    const baselineSeconds = (Date.now() - baseStart) / 1000;
    agent.destroy();

    // Delivery capacity on its own: with Postgres, commit events at 500/s straight through the event
    // writer (batches of 50 every 100 ms, as busy request handlers would) and time their receipt.
    let sustained: Record<string, unknown> | null = null;
    if (database.env.DATABASE_URL) {
      const writer = await openPostgres(database.env.DATABASE_URL, { max: 4 });
      const burst = 500 * Math.max(2, Math.round(SECONDS / 2));
      const at = new Map<string, number>();
      const startedBurst = Date.now();
      for (let batch = 0; batch < burst / 50; batch++) {
        const due = startedBurst + batch * 100;
        if (Date.now() < due) await new Promise((r) => setTimeout(r, due - Date.now()));
        const ids = Array.from({ length: 50 }, (_, i) => `org_burst_${batch}_${i}`);
        await writer.db.transaction((tx) =>
          recordEvents(
            tx,
            ids.map((id) =>
              pendingEvent(
                "organization.created",
                {
                  object: "organization",
                  id,
                  name: id,
                  allow_profiles_outside_organization: false,
                  domains: [],
                  external_id: null,
                  metadata: {},
                  created_at: new Date().toISOString(),
                  updated_at: new Date().toISOString(),
                },
                id,
              ),
            ),
          ),
        );
        for (const id of ids) at.set(id, Date.now());
      }
      const commitSeconds = (Date.now() - startedBurst) / 1000;
      const got = await receiver.waitFor((r) => at.has(JSON.parse(r.body).data.id), burst, 300_000);
      const lastReceipt = Math.max(...got.map((r) => r.receivedAt));
      await writer.close();
      sustained = {
        eventsCommitted: burst,
        committedPerSecond: burst / commitSeconds,
        deliveredPerSecond: burst / ((lastReceipt - startedBurst) / 1000),
        commitToReceiptMs: summary(got.map((r) => r.receivedAt - at.get(JSON.parse(r.body).data.id)!)),
      };
    }

    const report = {
      benchmark: `POST /organizations for ${SECONDS} s at concurrency ${CONCURRENCY}, each organization.created delivered to an HTTPS receiver on loopback`,
      database: database.env.DATABASE_URL ? "postgres" : "pglite",
      portico: {
        eventsCommitted: ids.size,
        eventsCommittedPerSecond: ids.size / elapsed,
        deliveredAfterLastCommitSeconds: drainSeconds,
        commitToReceiptMs: summary(delays),
      },
      deliveryAt500PerSecond: sustained,
      bareNodeBaseline: { deliveries: bodies.length, perSecond: bodies.length / baselineSeconds, postLatencyMs: summary(baselineLatencies) },
      target: "keeps up with 500 events/s; p95 commit-to-receipt under 1 s",
    };
    console.log(JSON.stringify(report, null, 2));
    const p95 = report.portico.commitToReceiptMs.p95;
    reportRow({
      scenario: "Webhooks: organization.created delivered to an HTTPS receiver",
      portico: `${Math.round(report.portico.eventsCommittedPerSecond)} events/s, commit-to-receipt p95 ${Math.round(p95)} ms`,
      bare: `${Math.round(report.bareNodeBaseline.perSecond)} POSTs/s`,
      target: "p95 commit-to-receipt < 1 s",
      met: p95 < 1000,
    });
    if (sustained) {
      const at500 = sustained as { deliveredPerSecond: number; commitToReceiptMs: { p95: number } };
      reportRow({
        scenario: "Webhooks: 500 events/s committed",
        portico: `${Math.round(at500.deliveredPerSecond)} delivered/s, p95 ${Math.round(at500.commitToReceiptMs.p95)} ms`,
        target: "keeps up with 500/s, p95 < 1 s",
        met: at500.deliveredPerSecond >= 475 && at500.commitToReceiptMs.p95 < 1000,
      });
    }
    writeFileSync("bench/results/webhooks.json", JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
    await receiver.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
