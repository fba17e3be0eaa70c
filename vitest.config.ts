import { existsSync } from "node:fs";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

// The conformance suite replays third-party fixtures kept beside the checkout (tests/support/fixtures.ts);
// without them it is left out, and the run says so loudly (or fails, under CI=true).
const haveSharedFixtures = existsSync(path.resolve(import.meta.dirname, "..", "shared", "fixtures"));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests import server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: haveSharedFixtures ? configDefaults.exclude : [...configDefaults.exclude, "tests/conformance/**"],
    // One key for the run, inherited by the servers and CLI the tests start (SP keys are encrypted under it).
    env: { ENCRYPTION_KEY: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0" },
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
