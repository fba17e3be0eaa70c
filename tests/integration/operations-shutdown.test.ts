import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scimLoad } from "../support/load";
import { projectRoot } from "../support/paths";
import { freePort, freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function directoryOn(server: RunningServer, apiKey: string) {
  const call = async (path: string, body: unknown) =>
    (await (
      await fetch(`${server.url}${path}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json()) as Record<string, string>;
  const organization = await call("/organizations", { name: "Shutdown Org" });
  const directory = await call("/directories", { organization_id: organization.id, type: "generic" });
  return { id: directory.id!, token: directory.bearer_token! };
}

async function userCount(server: RunningServer, directory: { id: string; token: string }): Promise<number> {
  const response = await fetch(`${server.url}/scim/v2/${directory.id}/Users?count=1`, { headers: { Authorization: `Bearer ${directory.token}` } });
  return ((await response.json()) as { totalResults: number }).totalResults;
}

describe("graceful shutdown", () => {
  // A request still unread in a socket's buffer at the signal is reset by design (the client retries it), so
  // on a busy machine every request of the load can, rarely, be in that state: one more try then.
  it("on SIGTERM finishes the requests in flight, refuses new ones, releases the database and exits 0", { timeout: 120_000, retry: 1 }, async () => {
    const database = await freshDatabaseEnv();
    cleanups.push(database.cleanup);
    const apiKey = runCli(["create-api-key", "--name", "shutdown"], database.env).stdout.trim();
    const server = await startServer({ database, keepDatabase: true, env: { SHUTDOWN_TIMEOUT_SECONDS: "20" } });
    const directory = await directoryOn(server, apiKey);
    // Metrics are off without METRICS_TOKEN: the endpoint does not exist.
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);

    const load = scimLoad(() => [server.url], directory);
    await new Promise((r) => setTimeout(r, 1500));
    const signalled = Date.now();
    load.markSignal();
    process.kill(server.pid, "SIGTERM");
    const code = await server.exited;
    const tookMs = Date.now() - signalled;
    const report = await load.stop();

    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(20_000);
    expect(report.lost).toEqual([]);
    expect(report.answeredAcrossSignal).toBeGreaterThan(0);
    expect(report.statuses["201"]).toBeGreaterThan(0);
    expect(Object.keys(report.statuses)).toEqual(["201"]);
    expect(server.output()).toContain("shut down cleanly");
    if (database.env.DATA_DIR) expect(existsSync(path.join(database.env.DATA_DIR, "portico.lock"))).toBe(false);

    // The data directory (or database) opens again at once, with every acknowledged user in it.
    const again = await startServer({ database, keepDatabase: true });
    cleanups.push(again.stop);
    expect(await userCount(again, directory)).toBe(report.created);
  });

  it("`npm start` passes SIGTERM to the server and exits when it has shut down", { timeout: 120_000 }, async () => {
    const database = await freshDatabaseEnv();
    cleanups.push(database.cleanup);
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...database.env,
      PORT: String(port),
      PUBLIC_URL: `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    if (!database.env.DATABASE_URL) delete env.DATABASE_URL;
    delete env.VITEST;
    const child = spawn(process.execPath, [path.join(projectRoot, "scripts", "start.mjs")], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    cleanups.push(async () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // Already gone.
      }
    });
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    for (let i = 0; i < 900 && !/Portico is running/.test(output); i++) await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`http://127.0.0.1:${port}/ready`)).status).toBe(200);

    // Only the wrapper gets the signal, as from a supervisor that knows one pid.
    process.kill(child.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("shut down cleanly");
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    if (database.env.DATA_DIR) expect(existsSync(path.join(database.env.DATA_DIR, "portico.lock"))).toBe(false);
  });
});
