import { monitorEventLoopDelay } from "node:perf_hooks";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

/**
 * Prometheus metrics, one registry per process on globalThis (the edge server and the Next.js bundle
 * each load this file; both must count into the same registry). Recording is an in-memory increment:
 * the request path never waits on it. Values needing a query (queue depth, pool) are gathered at scrape.
 */
function build() {
  const registry = new Registry();
  const httpRequests = new Histogram({
    name: "portico_http_request_duration_seconds",
    help: "HTTP requests by method, route template and status, with their latency.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const scimOperations = new Counter({
    name: "portico_scim_operations_total",
    help: "SCIM operations by directory type, method, resource and status.",
    labelNames: ["directory_type", "method", "resource", "status"] as const,
    registers: [registry],
  });
  const ssoSignIns = new Counter({
    name: "portico_sso_sign_ins_total",
    help: "SSO sign-ins by outcome (succeeded/failed) and error code.",
    labelNames: ["outcome", "error_code"] as const,
    registers: [registry],
  });
  const jobsRun = new Counter({
    name: "portico_jobs_run_total",
    help: "Jobs run by this instance, by kind and outcome.",
    labelNames: ["kind", "outcome"] as const,
    registers: [registry],
  });
  const lag = monitorEventLoopDelay({ resolution: 20 });
  lag.enable();
  new Gauge({
    name: "portico_event_loop_lag_seconds",
    help: "Event-loop delay since the last scrape (p99 and max).",
    labelNames: ["quantile"] as const,
    registers: [registry],
    collect() {
      this.set({ quantile: "0.99" }, lag.percentile(99) / 1e9);
      this.set({ quantile: "1" }, lag.max / 1e9);
      lag.reset();
    },
  });
  return { registry, httpRequests, scimOperations, ssoSignIns, jobsRun };
}

type Metrics = ReturnType<typeof build>;
const holder = globalThis as { __porticoMetrics?: Metrics };

export function metrics(): Metrics {
  return (holder.__porticoMetrics ??= build());
}
