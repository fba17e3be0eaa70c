import "server-only";
import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { getDbHandle, type DbHandle } from "@/db/client";
import { env } from "@/server/env";
import { readLags, registerLagGauge } from "@/server/observability/lag-gauges";
import { metrics } from "@/server/observability/metrics";
import { WEBHOOK_DELIVER_JOB } from "@/server/services/events/record";
import { logStreamLagSeconds } from "@/server/services/log-streams/lag";
import { execRows } from "@/server/services/sql";

/** Whether /metrics is on, and whether this Authorization header opens it. */
export function metricsAccess(authorization: string | null): "disabled" | "denied" | "granted" {
  const token = env().METRICS_TOKEN;
  if (!token) return "disabled";
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? "granted" : "denied";
}

type QueueRow = {
  kind: string;
  depth: string | number;
  rows: string | number;
  oldest_seconds: string | number | null;
  oldest_due_seconds: string | number | null;
};

let gaugesAdded = false;

/** The Prometheus text; queue depth and database figures are read now, once per scrape. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  if (!gaugesAdded) {
    gaugesAdded = true;
    addScrapeTimeGauges(registry);
    registerLagGauge("webhook", webhookDeliveryLagSeconds);
    registerLagGauge("log_stream", async () => logStreamLagSeconds((await getDbHandle()).db));
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/**
 * The job queue by kind, read once per scrape and shared by the gauges that report it (prom-client collects
 * them side by side). A scrape while the database is away gets null: the gauges keep their last figures.
 */
let queueRead: { at: number; rows: Promise<QueueRow[] | null> } | undefined;
function queueRows(): Promise<QueueRow[] | null> {
  if (!queueRead || Date.now() - queueRead.at > 500) {
    const rows = getDbHandle()
      .then(({ db }) =>
        execRows<QueueRow>(
          db,
          sql`select kind, count(*) filter (where state = 'queued' and run_at <= now()) as depth, count(*) as rows,
          extract(epoch from now() - min(run_at) filter (where state = 'queued' and run_at <= now())) as oldest_seconds,
          extract(epoch from now() - min(run_at) filter (where run_at <= now())) as oldest_due_seconds
          from jobs where state in ('queued', 'running') group by kind`,
        ),
      )
      .catch(() => null);
    queueRead = { at: Date.now(), rows };
  }
  return queueRead.rows;
}

/** Webhook delivery lag: how long the oldest due delivery (waiting, or being sent now) has been due. */
async function webhookDeliveryLagSeconds(): Promise<number | null> {
  const rows = await queueRows();
  if (!rows) throw new Error("the job queue could not be read");
  return Number(rows.find((r) => r.kind === WEBHOOK_DELIVER_JOB)?.oldest_due_seconds ?? 0);
}

function addScrapeTimeGauges(registry: ReturnType<typeof metrics>["registry"]) {
  const byKind = (name: string, help: string, value: (row: QueueRow) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["kind"] as const,
      registers: [registry],
      async collect() {
        const rows = await queueRows();
        if (!rows) return;
        this.reset();
        for (const row of rows) this.set({ kind: row.kind }, value(row));
      },
    });
  byKind("portico_job_queue_depth", "Queued jobs that are due, by kind (shared by every instance).", (row) => Number(row.depth));
  byKind("portico_job_queue_oldest_seconds", "How long the oldest due job has waited, by kind.", (row) => Number(row.oldest_seconds ?? 0));
  byKind("portico_job_queue_rows", "Rows in the job queue by kind (queued and running); refreshed at each scrape.", (row) => Number(row.rows));
  new Gauge({
    name: "portico_delivery_lag_seconds",
    help: "How long the oldest item due to go out has waited, by channel (webhook, log_stream ...).",
    labelNames: ["channel"] as const,
    registers: [registry],
    async collect() {
      const lags = await readLags();
      this.reset();
      for (const [channel, seconds] of lags) this.set({ channel }, seconds);
    },
  });
  const pool = (name: string, help: string, value: (handle: DbHandle) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["driver"] as const,
      registers: [registry],
      async collect() {
        const handle = await getDbHandle().catch(() => null);
        if (!handle) return;
        this.reset();
        this.set({ driver: handle.kind }, value(handle));
      },
    });
  pool(
    "portico_database_pool_max_connections",
    "Connections this instance may open to the database (1 for the embedded database).",
    (handle) => handle.maxConnections,
  );
  pool(
    "portico_database_pool_in_use_connections",
    "Connections of this instance busy with a statement or a transaction now.",
    (handle) => handle.poolUsage().inUse,
  );
  pool(
    "portico_database_pool_waiting",
    "Statements and transactions of this instance waiting for a free connection now.",
    (handle) => handle.poolUsage().waiting,
  );
}
