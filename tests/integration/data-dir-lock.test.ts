import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirInUseError } from "@/db/lock";
import { projectRoot, testDataRoot } from "../support/paths";

/**
 * The embedded database's lock dies with its process: `kill -9` never leaves a directory that needs a
 * hand to restart, whatever PID the next process gets, and concurrent starts let exactly one through.
 */
mkdirSync(testDataRoot, { recursive: true });
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  // The long-path test's link in the temporary directory.
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith("portico-"))) {
    const link = path.join(tmpdir(), name);
    try {
      if (dirs.some((dir) => readlinkSync(link).startsWith(dir))) unlinkSync(link);
    } catch {
      // Not a link, or already gone.
    }
  }
});

function freshDir(prefix: string): string {
  const dir = mkdtempSync(path.join(testDataRoot, prefix));
  dirs.push(dir);
  return dir;
}

/** A process that takes the lock: resolves "held" once it holds it, or its exit code and message. */
function holder(dir: string, startAt = 0): { child: ChildProcess; outcome: Promise<{ held: true } | { held: false; code: number | null; stderr: string }> } {
  // Node itself (not the tsx wrapper, which forks): the pid killed is the pid holding the lock.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "tests/support/lock-holder.ts"), dir, String(startAt)], {
    cwd: projectRoot,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  const outcome = new Promise<{ held: true } | { held: false; code: number | null; stderr: string }>((resolve) => {
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      if (stdout.includes("held")) resolve({ held: true });
    });
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("exit", (code) => resolve({ held: false, code, stderr }));
  });
  return { child, outcome };
}

const killed = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once("exit", resolve)));

describe("the embedded database lock", () => {
  it("blocks a second process while the holder lives, naming it", async () => {
    const dir = freshDir("lock-live-");
    const first = holder(dir);
    expect(await first.outcome).toEqual({ held: true });
    const second = holder(dir);
    const refused = await second.outcome;
    expect(refused).toMatchObject({ held: false, code: 3 });
    expect(refused.held === false && refused.stderr).toContain(`is in use by process ${first.child.pid} (`);
    await expect(acquireDataDirLock(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    first.child.kill("SIGKILL");
    await killed(first.child);
  });

  it("starts at once after the holder is killed with -9, even beside a leftover naming a live PID on this host", async () => {
    const dir = freshDir("lock-kill9-");
    const first = holder(dir);
    expect(await first.outcome).toEqual({ held: true });
    first.child.kill("SIGKILL");
    await killed(first.child);
    // What a container restart leaves: the dead holder's socket, and a lock record whose PID is now taken
    // by a live process (this one) on the same host.
    expect(readdirSync(dir).some((name) => name.endsWith(".sock"))).toBe(true);
    writeFileSync(path.join(dir, "portico.lock"), JSON.stringify({ pid: process.pid, host: hostname(), command: "next start", since: "2026-01-01T00:00:00Z" }));
    const started = Date.now();
    const release = await acquireDataDirLock(dir);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(existsSync(path.join(dir, "portico.lock"))).toBe(false);
    // The dead holder's socket is cleaned away; only the new holder's remains.
    expect(readdirSync(dir).filter((name) => name.endsWith(".sock"))).toHaveLength(1);
    release();
    expect(readdirSync(dir).filter((name) => name.endsWith(".sock"))).toHaveLength(0);
  });

  it("lets exactly one of several processes take over a dead lock at once", async () => {
    const dir = freshDir("lock-race-");
    const dead = holder(dir);
    expect(await dead.outcome).toEqual({ held: true });
    dead.child.kill("SIGKILL");
    await killed(dead.child);
    // All start claiming at the same instant, once every process has loaded.
    const startAt = Date.now() + 6000;
    const racers = Array.from({ length: 5 }, () => holder(dir, startAt));
    const outcomes = await Promise.all(racers.map((r) => r.outcome));
    const winners = outcomes.filter((o) => o.held);
    expect(winners, JSON.stringify(outcomes)).toHaveLength(1);
    // A loser names the winner when the winner answers its probe in time; on a busy machine it may only
    // know that the socket is alive.
    for (const o of outcomes) if (!o.held) expect(o).toMatchObject({ code: 3, stderr: expect.stringMatching(/is in use by (process \d+ \(|another process)/) });
    for (const r of racers) r.child.kill("SIGKILL");
    await Promise.all(racers.map((r) => killed(r.child)));
  });

  it("lets exactly one of many concurrent claims in one process win, and the next after release", async () => {
    const dir = freshDir("lock-burst-");
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => acquireDataDirLock(dir)));
    const won = results.filter((r): r is PromiseFulfilledResult<() => void> => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(DataDirInUseError);
    won[0]!.value();
    const again = await acquireDataDirLock(dir);
    again();
  });

  it("works when the data directory's path is too long for a socket name", async () => {
    const dir = path.join(freshDir("lock-long-"), "a-rather-long-directory-name-".repeat(4));
    mkdirSync(dir, { recursive: true });
    expect(Buffer.byteLength(path.join(dir, "portico.1.sock"))).toBeGreaterThan(108);
    const release = await acquireDataDirLock(dir);
    const second = holder(dir);
    expect(await second.outcome).toMatchObject({ held: false, code: 3 });
    release();
    const third = holder(dir);
    expect(await third.outcome).toEqual({ held: true });
    third.child.kill("SIGKILL");
    await killed(third.child);
  });
});
