import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDataRoot } from "../support/paths";
import { runCli } from "../support/server";

/** The embedded database is readable by its owner only: directories 700, files 600 (SECURITY.md). */
const parent = (mkdirSync(testDataRoot, { recursive: true }), mkdtempSync(path.join(testDataRoot, "modes-")));
let previousUmask: number;
beforeAll(() => {
  // The permissive default of most systems, inherited by the processes the tests start.
  previousUmask = process.umask(0o022);
});
afterAll(() => {
  process.umask(previousUmask);
  rmSync(parent, { recursive: true, force: true });
});

function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (target: string) => {
    const stat = lstatSync(target);
    if (stat.mode & 0o077) found.push(`${path.relative(dir, target) || "."} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
  };
  visit(dir);
  return found;
}

describe("the data directory's permissions", () => {
  it("are owner-only for a database created under a 022 umask", () => {
    const dir = path.join(parent, "fresh");
    const result = runCli(["migrate"], { DATA_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(path.join(dir, "pglite")).length).toBeGreaterThan(5);
    expect(openToOthers(dir)).toEqual([]);
    expect(result.stderr).not.toContain("private");
  }, 180_000);

  it("are fixed at start when an existing directory is 755 with 644 files, saying what changed", () => {
    const dir = path.join(parent, "loose");
    expect(runCli(["migrate"], { DATA_DIR: dir }).status).toBe(0);
    // As an older version, a copy or a restore would have left it.
    chmodSync(dir, 0o755);
    chmodSync(path.join(dir, "pglite"), 0o755);
    writeFileSync(path.join(dir, "notes.txt"), "backup notes", { mode: 0o644 });
    chmodSync(path.join(dir, "notes.txt"), 0o644);
    expect(openToOthers(dir).length).toBeGreaterThanOrEqual(3);

    const result = runCli(["migrate"], { DATA_DIR: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`made its data directory ${dir} private to its owner`);
    expect(result.stderr).toContain(". 755 → 700");
    expect(result.stderr).toContain("pglite 755 → 700");
    expect(result.stderr).toContain("notes.txt 644 → 600");
    expect(openToOthers(dir)).toEqual([]);
    // Nothing left to fix: the next start says nothing.
    expect(runCli(["migrate"], { DATA_DIR: dir }).stderr).not.toContain("private");
  }, 180_000);
});
