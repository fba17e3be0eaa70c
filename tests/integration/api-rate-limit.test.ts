import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let keys: string[];

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  keys = ["first", "second"].map((name) => runCli(["create-api-key", "--name", name], database.env).stdout.trim());
  server = await startServer({ database, env: { API_RATE_LIMIT_PER_MINUTE: "5" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("REST API rate limit", () => {
  it("answers 429 with Retry-After once a key spends its requests for the minute, without touching other keys", async () => {
    const call = (key: string) => fetch(`${server.url}/organizations`, { headers: { Authorization: `Bearer ${key}` } });
    // Counted in fixed one-minute windows: a window may turn over mid-test, so up to twice the limit may pass.
    let passed = 0;
    let limited: Response | undefined;
    for (let i = 0; i < 12 && !limited; i++) {
      const response = await call(keys[0]!);
      if (response.status === 429) limited = response;
      else {
        expect(response.status).toBe(200);
        passed++;
      }
    }
    expect(passed).toBeGreaterThanOrEqual(5);
    expect(passed).toBeLessThanOrEqual(10);
    if (!limited) throw new Error("no 429 after 12 requests");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ code: "rate_limit_exceeded" });
    expect((await call(keys[1]!)).status).toBe(200);
  });
});
