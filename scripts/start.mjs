// `npm start`: build when needed, then serve. The server migrates the database and prints the sign-in.
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfNeeded } from "./build-if-needed.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
buildIfNeeded();

// The edge server wraps Next.js (server/http/serve.mjs): it alone sees the socket's address.
const child = spawn(process.execPath, [path.join(root, "server", "http", "serve.mjs")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
});
// The server drains on SIGTERM/SIGINT; this process waits for it and exits with its code, so a
// supervisor sees the real outcome. A signal sent to the whole process group reaches the server
// too: it ignores the repeat.
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.exitCode === null && child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal === "SIGTERM" || signal === "SIGINT" ? 0 : 1)));
