// The primary process of a multi-worker start (Postgres): it forks the workers that serve, each a full
// instance of server/http/serve.mjs sharing the port through node:cluster, and serves nothing itself.
// The first worker migrates the database and runs the once-per-start steps; the others are forked once
// it is ready, so they find the schema current and print nothing twice.
import cluster from "node:cluster";

/**
 * Starts `count` workers and keeps them running: a worker that dies unexpectedly is replaced (after a
 * pause, so a crash loop does not spin). SIGTERM/SIGINT are passed to every worker, which drains as a
 * single server does; the primary exits once all have, 0 only if every worker shut down cleanly.
 */
export function supervise({ count, shutdownTimeoutMs, log, flushLogs }) {
  let stopping = false;
  let firstReady = false;
  let failed = false;
  const fork = (role) => {
    const worker = cluster.fork({ PORTICO_WORKER: role });
    worker.on("message", (message) => {
      if (message?.portico !== "ready" || role !== "first" || firstReady) return;
      firstReady = true;
      for (let i = 1; i < count; i++) fork("more");
      log.info({ workers: count }, "workers started");
    });
    worker.on("exit", (code, signal) => {
      if (code !== 0) failed = true;
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) finish();
        return;
      }
      // The first worker failing before it is ready is a failed start (its message says why): no retry.
      if (role === "first" && !firstReady) {
        flushLogs();
        process.exit(code ?? 1);
      }
      log.error({ pid: worker.process.pid, code, signal }, "worker exited: starting another");
      setTimeout(() => !stopping && fork("more"), 1000);
    });
    return worker;
  };
  const finish = () => {
    flushLogs();
    process.exit(failed ? 1 : 0);
  };
  const shutdown = (signal) => {
    if (stopping) return;
    stopping = true;
    // A signal sent to the whole process group reaches the workers too: they ignore the repeat.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    // The workers bound their own drain; this only guards against one that hangs past it.
    setTimeout(() => {
      log.warn("workers did not exit in time: stopping them");
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      failed = true;
      finish();
    }, shutdownTimeoutMs + 5000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) finish();
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => shutdown(signal));
  fork("first");
}
