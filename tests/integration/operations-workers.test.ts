import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, localPostgresUrl } from "../support/db";
import { testDataRoot } from "../support/paths";
import { startServer } from "../support/server";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** GET /health on a new connection each time, so the cluster hands each one to the next worker. */
function healthOnNewConnection(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/health", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The pids on the request log lines of /health (each line carries its process's pid). */
function answeringPids(output: string): Set<number> {
  const pids = new Set<number>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    const entry = JSON.parse(line) as { msg?: string; route?: string; pid?: number };
    if (entry.msg === "request" && entry.route === "/health" && entry.pid) pids.add(entry.pid);
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("worker processes", () => {
  it("with Postgres, serves one port from several workers, sets up once, and SIGTERM stops them all", { timeout: 180_000 }, async () => {
    const database = await createPostgresDatabase(localPostgresUrl);
    cleanups.push(database.drop);
    const server = await startServer({
      database: { env: { DATABASE_URL: database.url, ENCRYPTION_KEY: randomBytes(32).toString("hex") }, cleanup: async () => {} },
      env: { WEB_CONCURRENCY: "2", LOG_LEVEL: "debug" },
    });
    cleanups.push(() => server.stop());
    for (let i = 0; i < 600 && !server.output().includes('"workers started"'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('"workers":2');
    // Both workers listening: a new connection goes to each in turn.
    let pids = new Set<number>();
    for (let i = 0; i < 200 && pids.size < 2; i++) {
      expect(await healthOnNewConnection(server.port)).toBe(200);
      await new Promise((r) => setTimeout(r, 50));
      pids = answeringPids(server.output());
    }
    expect(pids.size).toBe(2);
    expect(pids.has(server.pid)).toBe(false);
    // The once-per-start steps ran in one worker only: one banner, one setup link.
    expect(server.output().match(/Portico is running/g)).toHaveLength(1);
    expect(server.output().match(/\/invite\//g)).toHaveLength(1);

    process.kill(server.pid, "SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.output().match(/shut down cleanly/g)).toHaveLength(2);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    await expect(healthOnNewConnection(server.port)).rejects.toThrow();
  });

  it("with the embedded database, runs one process whatever WEB_CONCURRENCY says", { timeout: 120_000 }, async () => {
    mkdirSync(testDataRoot, { recursive: true });
    const dir = mkdtempSync(path.join(testDataRoot, "server-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const server = await startServer({
      database: { env: { DATA_DIR: dir }, cleanup: async () => {} },
      env: { WEB_CONCURRENCY: "2", LOG_LEVEL: "debug" },
    });
    cleanups.push(() => server.stop());
    expect(server.output()).toContain("WEB_CONCURRENCY is ignored with the embedded database");
    for (let i = 0; i < 6; i++) expect(await healthOnNewConnection(server.port)).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect([...answeringPids(server.output())]).toEqual([server.pid]);
    process.kill(server.pid, "SIGTERM");
    expect(await server.exited).toBe(0);
  });
});
