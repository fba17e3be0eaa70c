import "server-only";
import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import { Gauge } from "prom-client";
import { getDbHandle } from "@/db/client";
import { env } from "@/server/env";
import { metrics } from "@/server/observability/metrics";

/** Whether /metrics is on, and whether this Authorization header opens it. */
export function metricsAccess(authorization: string | null): "disabled" | "denied" | "granted" {
  const token = env().METRICS_TOKEN;
  if (!token) return "disabled";
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "";
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? "granted" : "denied";
}

type QueueRow = { kind: string; depth: string | number; oldest_seconds: string | number | null };

let gaugesAdded = false;

/** The Prometheus text; queue depth and database figures are read now, once per scrape. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const { registry } = metrics();
  if (!gaugesAdded) {
    gaugesAdded = true;
    addScrapeTimeGauges(registry);
  }
  return { contentType: registry.contentType, body: await registry.metrics() };
}

function addScrapeTimeGauges(registry: ReturnType<typeof metrics>["registry"]) {
  const depth = new Gauge({
    name: "portico_job_queue_depth",
    help: "Queued jobs that are due, by kind (shared by every instance).",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  const age = new Gauge({
    name: "portico_job_queue_oldest_seconds",
    help: "How long the oldest due job has waited, by kind.",
    labelNames: ["kind"] as const,
    registers: [registry],
  });
  new Gauge({
    name: "portico_job_queue_rows",
    help: "Rows in the job queue by kind (all states); refreshed at each scrape.",
    labelNames: ["kind"] as const,
    registers: [registry],
    async collect() {
      // A scrape while the database is away reports the last figures rather than failing.
      const result = await getDbHandle()
        .then(({ db }) =>
          db.execute<QueueRow>(
            sql`select kind, count(*) filter (where state = 'queued' and run_at <= now()) as depth, count(*) as rows,
            extract(epoch from now() - min(run_at) filter (where state = 'queued' and run_at <= now())) as oldest_seconds
            from jobs where state in ('queued', 'running') group by kind`,
          ),
        )
        .catch(() => null);
      if (!result) return;
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as (QueueRow & { rows: string | number })[];
      this.reset();
      depth.reset();
      age.reset();
      for (const row of rows) {
        this.set({ kind: row.kind }, Number(row.rows));
        depth.set({ kind: row.kind }, Number(row.depth));
        age.set({ kind: row.kind }, Number(row.oldest_seconds ?? 0));
      }
    },
  });
  new Gauge({
    name: "portico_database_pool_max_connections",
    help: "Connections this instance may open to the database (1 for the embedded database).",
    labelNames: ["driver"] as const,
    registers: [registry],
    async collect() {
      const handle = await getDbHandle().catch(() => null);
      if (!handle) return;
      this.reset();
      this.set({ driver: handle.kind }, handle.poolSize);
    },
  });
}
