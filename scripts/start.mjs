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
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
