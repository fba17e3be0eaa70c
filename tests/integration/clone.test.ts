import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../support/paths";

/**
 * The project's own suite passes in any clone: nothing outside tests/conformance may need the fixtures
 * folder kept beside this checkout, and a clone without it says loudly what it left out.
 */
const tracked = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: projectRoot, encoding: "utf8" })
  .split("\0")
  .filter((file) => file && statSync(path.join(projectRoot, file), { throwIfNoEntry: false })?.isFile());

let parent: string;
let clone: string;
beforeAll(() => {
  // A folder whose parent holds no shared/ folder, as in a user's own clone.
  parent = mkdtempSync(path.join(tmpdir(), "portico-clone-"));
  clone = path.join(parent, "portico");
  for (const file of tracked) {
    const from = path.join(projectRoot, file);
    const to = path.join(clone, file);
    mkdirSync(path.dirname(to), { recursive: true });
    copyFileSync(from, to);
    // Same modification times, so the clone sees the existing build as current and does not rebuild.
    const { atime, mtime } = statSync(from);
    utimesSync(to, atime, mtime);
  }
  symlinkSync(path.join(projectRoot, "node_modules"), path.join(clone, "node_modules"));
  symlinkSync(path.join(projectRoot, ".next"), path.join(clone, ".next"));
});
afterAll(() => {
  if (parent) rmSync(parent, { recursive: true, force: true });
});

function runSuite(args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.VITEST;
  delete childEnv.VITEST_WORKER_ID;
  delete childEnv.VITEST_POOL_ID;
  delete childEnv.TEST_DATABASE_URL;
  const result = spawnSync("node", ["scripts/test.mjs", ...args], { cwd: clone, env: childEnv, encoding: "utf8", timeout: 240_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("a clone with no fixtures beside it", () => {
  it("keeps every test that reads the shared fixtures in tests/conformance", () => {
    const outside = tracked.filter((file) => /^tests\/.*\.ts$/.test(file) && !file.startsWith("tests/conformance/") && file !== "tests/support/fixtures.ts");
    const readers = outside.filter((file) => /shared\/fixtures|"shared", "fixtures"|sharedFixtures/.test(readFileSync(path.join(projectRoot, file), "utf8")));
    expect(readers.filter((file) => file !== "tests/integration/clone.test.ts")).toEqual([]);
  });

  it("passes the unit suite and says loudly that the conformance suite did not run", () => {
    const run = runSuite(["tests/unit"], { CI: "" });
    expect(run.output).toMatch(/\d+ passed, 0 failed/);
    expect(run.status, run.output.slice(-3000)).toBe(0);
    expect(run.output).toContain("SKIPPED the conformance suite");
    expect(run.output).not.toContain("tests/conformance/saml-fixtures.test.ts");
  });

  it("fails under CI=true, where the conformance suite is required", () => {
    const run = runSuite(["tests/unit/field-errors.test.ts"], { CI: "true" });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("CI requires the conformance suite");
  });
});
