// The production server (`npm start`): Next.js behind a thin node:http layer that alone sees the
// socket. It decides the client address and turns away paths Next.js cannot decode (server/http/edge.ts).
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { register } from "tsx/esm/api";

const dir = path.resolve(import.meta.dirname, "..", "..");
// A namespaced ESM loader, gone once edge.ts is in: Next.js loads its own modules (and next.config.ts,
// through its own require hook, which tsx's CommonJS hook would upset) without it.
const typescript = register({ namespace: "portico-edge" });
const { edgeSettings, prepareRequest } = await typescript.import("./edge.ts", import.meta.url);
await typescript.unregister();

let settings;
try {
  settings = edgeSettings();
} catch (error) {
  console.error(`\n  Portico could not start: ${error.message}\n`);
  process.exit(1);
}

const app = next({ dev: false, dir, hostname: "localhost", port: settings.port });
let markReady;
const ready = new Promise((resolve) => (markReady = resolve));
const server = createServer(async (req, res) => {
  if (!prepareRequest(req, res, settings)) return;
  const handle = await ready;
  await handle(req, res).catch((error) => {
    console.error(`[http] ${req.method} request failed: ${error?.message}`);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json; charset=utf-8" });
    res.end(JSON.stringify({ code: "server_error", message: "Internal error." }));
  });
});
// Listen first: the app prints "Portico is running" while it prepares, and must be reachable by then.
await new Promise((resolve) => {
  server.once("error", (error) => {
    console.error(`\n  Portico could not start: cannot listen on port ${settings.port} (${error.code ?? error.message})\n`);
    process.exit(1);
  });
  server.listen(settings.port, resolve);
});
await app.prepare();
markReady(app.getRequestHandler());

// Exit through process.exit, as `next start` does, so exit handlers (the database's) run.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
