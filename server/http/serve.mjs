// The production server (`npm start`): Next.js behind a thin node:http layer that alone sees the
// socket. It decides the client address and turns away paths Next.js cannot decode (server/http/edge.ts),
// writes the one log line and metric sample per request, and shuts down gracefully on SIGTERM. With
// Postgres and more than one worker (WEB_CONCURRENCY), this process is the cluster's primary
// (server/http/cluster.mjs) and each worker runs `serve()`.
import cluster from "node:cluster";
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { register } from "tsx/esm/api";
import { directRoutes } from "./direct.mjs";

const dir = path.resolve(import.meta.dirname, "..", "..");
// A namespaced ESM loader, gone once edge.ts is in: Next.js loads its own modules (and next.config.ts,
// through its own require hook, which tsx's CommonJS hook would upset) without it.
const typescript = register({ namespace: "portico-edge" });
const { edgeSettings, prepareRequest } = await typescript.import("./edge.ts", import.meta.url);
const { observeRequest, closeDatabase } = await typescript.import("./observe.ts", import.meta.url);
const { routeMatcher } = await typescript.import("./route-template.ts", import.meta.url);
const { configureLogger, flushLogs } = await typescript.import("../observability/logger.ts", import.meta.url);
const { runtime } = await typescript.import("../observability/runtime.ts", import.meta.url);
const { listenForBackups } = await typescript.import("./backup-socket.ts", import.meta.url);
const { commonSecurityHeaders, dataContentSecurityPolicy } = await typescript.import("./security-headers.ts", import.meta.url);
const { requestIdFrom } = await typescript.import("./request-id.ts", import.meta.url);
await typescript.unregister();

let settings;
try {
  settings = edgeSettings();
} catch (error) {
  console.error(`\n  Portico could not start: ${error.message}\n`);
  process.exit(1);
}
const log = configureLogger(settings.log);
if (settings.workersNote && cluster.isPrimary) log.warn(settings.workersNote);
if (cluster.isPrimary && settings.workers > 1) {
  const { supervise } = await import("./cluster.mjs");
  supervise({ count: settings.workers, shutdownTimeoutMs: settings.shutdownTimeoutMs, log, flushLogs });
} else await serve();

async function serve() {
  const route = routeMatcher(dir);
  // SCIM, the REST API and the SSO endpoints go straight to their handlers (server/http/direct.mjs), with the headers of data replies.
  const direct = directRoutes(dir, { ...commonSecurityHeaders, "Content-Security-Policy": dataContentSecurityPolicy }, requestIdFrom);

  const app = next({ dev: false, dir, hostname: "localhost", port: settings.port });
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  // Requests in progress per connection: at shutdown an idle keep-alive connection is closed at once (Node's
  // own idle tracking misses the ones Next.js has answered), a busy one once its last answer is written.
  const connections = new Map();
  let stopping = false;
  const server = createServer((req, res) => {
    const socket = req.socket;
    connections.set(socket, (connections.get(socket) ?? 0) + 1);
    res.once("close", () => {
      const left = (connections.get(socket) ?? 1) - 1;
      connections.set(socket, left);
      if (stopping && left === 0) setImmediate(() => closeIfIdle(socket));
    });
    if (!prepareRequest(req, res, settings)) return;
    observeRequest(req, res, route, log, async () => {
      const handle = await ready;
      await (direct(req, res, handle) ?? handle(req, res)).catch((error) => {
        log.error({ requestId: req.headers["x-request-id"], error: error?.message }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ code: "server_error", message: "Internal error." }));
      });
    });
  });
  /**
   * Destroys, not ends: bytes of a request that arrived but was not dispatched yet are dropped with the
   * connection, so the client sees a reset for a request nobody processed (safe to retry). Ending would
   * let that request run and then find no way to answer.
   */
  function closeIfIdle(socket) {
    if (connections.get(socket) === 0) socket.destroy();
  }
  server.on("connection", (socket) => {
    connections.set(socket, 0);
    socket.once("close", () => connections.delete(socket));
  });
  // Idle keep-alive connections outlive the load balancer's (60 s on most): when the server closed first,
  // a request the balancer sent on the closing connection would fail with a 502.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // Listen first: the app prints "Portico is running" while it prepares, and must be reachable by then.
  await new Promise((resolve) => {
    server.once("error", (error) => {
      console.error(`\n  Portico could not start: cannot listen on port ${settings.port} (${error.code ?? error.message})\n`);
      process.exit(1);
    });
    server.listen(settings.port, resolve);
  });
  let backups = null;
  // From here a stop drains, even one that arrives while the app prepares (a worker still starting when a
  // supervisor stops the cluster): the default would kill the process mid-start, an unclean exit.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void shutdown(signal));
  await app.prepare();
  markReady(app.getRequestHandler());
  // Stopping already: requests that waited for the app are answered as the drain goes on; nothing else starts.
  if (stopping) return;
  // A worker of a multi-process start tells the primary it has started (the first one: migrated, set up).
  if (cluster.isWorker) process.send({ portico: "ready" });
  // In the background: the socket opens once the app has opened the embedded database and holds its lock.
  if (settings.embeddedDataDir) {
    listenForBackups(settings.embeddedDataDir, (message) => log.warn(message))
      .then((server) => (backups = server))
      .catch((error) => log.warn({ error: error.message }, "backup socket unavailable: backups need the server stopped"));
  }

  /**
   * SIGTERM: stop accepting (new connections are refused, so a balancer or client retries elsewhere),
   * answer what is in flight with `Connection: close`, let the running job finish and hand back the
   * claimed ones, close the database (releasing the embedded database's lock), exit.
   * SHUTDOWN_TIMEOUT_SECONDS bounds the wait.
   */
  async function shutdown(signal) {
    // `npm start` forwards the signal its process group also delivered: the repeat is ignored.
    if (stopping) return;
    stopping = true;
    runtime.draining = true;
    log.info({ signal, timeoutSeconds: settings.shutdownTimeoutMs / 1000 }, "shutting down");
    setTimeout(async () => {
      log.warn("shutdown timed out: exiting with work still in flight");
      flushLogs();
      process.exit(1);
    }, settings.shutdownTimeoutMs);
    const requestsDone = new Promise((resolve) => server.close(resolve));
    const backupsDone = new Promise((resolve) => (backups ? backups.close(resolve) : resolve()));
    for (const socket of connections.keys()) closeIfIdle(socket);
    try {
      await Promise.all([requestsDone, backupsDone, runtime.jobs?.stop()]);
      await closeDatabase();
      log.info("shut down cleanly");
    } catch (error) {
      log.error({ error: error?.message }, "shutdown failed");
    }
    // Log lines are written asynchronously: the last ones must reach stdout before the process ends.
    flushLogs();
    // Exit through process.exit, as `next start` does, so exit handlers (the lock file's) run.
    process.exit(0);
  }
}
