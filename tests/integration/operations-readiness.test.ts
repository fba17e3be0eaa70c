import { afterAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createPostgresDatabase, localPostgresUrl } from "../support/db";
import { startServer, type RunningServer } from "../support/server";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";

// The database going away under a running instance: only a networked database can, so this uses the
// machine's Postgres (behind a proxy the test can cut) whichever database the rest of the run tests.
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function ready(server: RunningServer) {
  const response = await fetch(`${server.url}/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, retryAfter: response.headers.get("retry-after") };
}

async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, tries = 60): Promise<T> {
  let value = await probe();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 250));
    value = await probe();
  }
  return value;
}

describe("readiness when the database goes away", () => {
  it("answers 503 naming the database while it is unreachable, keeps /health up, and is ready again once it is back", { timeout: 120_000 }, async () => {
    const database = await createPostgresDatabase(localPostgresUrl);
    cleanups.push(database.drop);
    const direct = new URL(database.url);
    const proxy: TcpProxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    cleanups.push(proxy.close);
    const viaProxy = new URL(database.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    const env = { DATABASE_URL: viaProxy.toString(), ENCRYPTION_KEY: randomBytes(32).toString("hex"), JOB_POLL_INTERVAL_MS: "200" };
    const server = await startServer({ database: { env, cleanup: async () => {} } });
    cleanups.push(server.stop);

    expect(await ready(server)).toMatchObject({ status: 200, body: { status: "ready" } });

    proxy.cut();
    const down = await until(
      () => ready(server),
      (r) => r.status === 503,
    );
    expect(down).toMatchObject({ status: 503, body: { status: "unavailable", reason: "database_unavailable" }, retryAfter: "1" });
    // The public answer names the reason, not the database's address or user.
    expect(JSON.stringify(down.body)).not.toContain(String(proxy.port));
    expect(JSON.stringify(down.body)).not.toContain("postgres");
    // Liveness has no dependencies: the process is up, so a supervisor must not restart it.
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    proxy.restore();
    const back = await until(
      () => ready(server),
      (r) => r.status === 200,
    );
    expect(back).toMatchObject({ status: 200, body: { status: "ready" } });
  });
});
