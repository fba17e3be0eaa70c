import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

// The conformance suite replays third-party fixtures kept beside the checkout (tests/support/fixtures.ts);
// without them it is left out, and the run says so loudly (or fails, under CI=true).
const haveSharedFixtures = existsSync(path.resolve(import.meta.dirname, "..", "shared", "fixtures"));

/** Calls that start a process of their own: the server, the CLI, a browser, a helper. */
const processStarts = /\b(?:startServer|runCli|runCliAsync|launchBrowser|spawn|spawnSync)\(/g;

/**
 * Vitest starts the files that took longest in the last run first, so that the last file to finish is a
 * short one and neither worker waits long for the other. Without durations from an earlier run (a fresh
 * checkout, as in CI) it orders by size alone, and the small files that start servers and the CLI, the
 * slowest of all, would come last: here they go first, those with the most process starts first.
 */
class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const timed = files.every((file) => this.ctx.cache.getFileTestResults(`${file.project.name}:${path.relative(root, file.moduleId)}`));
    if (timed) return super.sort(files);
    const starts = new Map(files.map((file) => [file, readFileSync(file.moduleId, "utf8").match(processStarts)?.length ?? 0]));
    const size = new Map(files.map((file) => [file, statSync(file.moduleId).size]));
    return [...files].sort((a, b) => starts.get(b)! - starts.get(a)! || size.get(b)! - size.get(a)!);
  }
}

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
    sequence: { sequencer: SlowFirstSequencer },
    reporters: ["default", "./tests/support/summary-reporter.ts"],
  },
});
