// `npm test`: every suite (unit, integration, SDK, browser). Extra arguments go to vitest,
// e.g. `npm test -- tests/integration/organizations.test.ts`.
import { spawnSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const target = process.env.TEST_DATABASE_URL ? "PostgreSQL (TEST_DATABASE_URL)" : "embedded PGlite";
// A whole run checks types first (the production build leaves that out, to start faster).
if (process.argv.length <= 2) {
  console.log("Type checking (tsc --noEmit)...");
  const typecheck = spawnSync(path.join(root, "node_modules", ".bin", "tsc"), ["--noEmit", "-p", "tsconfig.json"], { cwd: root, stdio: "inherit" });
  if (typecheck.status !== 0) {
    console.log("\n0 passed, 1 failed, 0 skipped (type errors above)");
    process.exit(typecheck.status ?? 1);
  }
}
console.log(`Running every test suite against ${target}.`);
const result = spawnSync(path.join(root, "node_modules", ".bin", "vitest"), ["run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
process.exit(result.status ?? 1);
