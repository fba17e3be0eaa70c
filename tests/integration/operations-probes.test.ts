import { createServer, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeKeyPair } from "../support/saml-idp";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

const metricsToken = "metrics-token-for-the-probe-tests";
let server: RunningServer;
let apiKey: string;
let scim: { directoryId: string; token: string; organizationId: string; connectionId: string };

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { response, body: (await response.json()) as Record<string, unknown> };
}

/** The JSON lines the server wrote; the startup banner and anything else that is not JSON is skipped. */
function logLines(): Record<string, unknown>[] {
  return server
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await new Promise((r) => setTimeout(r, 100));
}

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "probes"], database.env);
  if (created.status !== 0) throw new Error(created.stderr);
  apiKey = created.stdout.trim();
  server = await startServer({
    database,
    env: { METRICS_TOKEN: metricsToken, LOG_LEVEL: "info", JOB_POLL_INTERVAL_MS: "200", OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" },
  });
  const organization = await api("POST", "/organizations", { name: "Probe Org" });
  const directory = await api("POST", "/directories", { organization_id: organization.body.id, type: "okta" });
  const certificate = (await makeKeyPair("idp.probe.example")).certificate;
  const connection = await api("POST", "/connections", {
    organization_id: organization.body.id,
    idp_entity_id: "https://idp.probe.example/e",
    sso_url: "https://idp.probe.example/sso",
    x509_certificates: [certificate],
  });
  scim = {
    directoryId: directory.body.id as string,
    token: directory.body.bearer_token as string,
    organizationId: organization.body.id as string,
    connectionId: connection.body.id as string,
  };
});

afterAll(async () => {
  await server?.stop();
});

describe("health and readiness", () => {
  it("answers /health and /ready with 200 once the database is migrated and the job worker runs", async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("does not log probes at info, however often they are polled", async () => {
    for (let i = 0; i < 20; i++) {
      await fetch(`${server.url}/health`);
      await fetch(`${server.url}/ready`);
    }
    await fetch(`${server.url}/organizations`, { headers: { Authorization: `Bearer ${apiKey}` } });
    await until(() => logLines().some((l) => l.route === "/organizations" && l.method === "GET"));
    const routes = logLines().map((l) => l.route);
    expect(routes).toContain("/organizations");
    expect(routes).not.toContain("/health");
    expect(routes).not.toContain("/ready");
  });
});

describe("request log lines", () => {
  it("writes one JSON line per request with its id, route template, status, duration, actor and organization", async () => {
    const user = await fetch(`${server.url}/scim/v2/${scim.directoryId}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${scim.token}`, "Content-Type": "application/scim+json", "X-Request-ID": "probe-scim-request-1" },
      body: JSON.stringify({ userName: "secret.person@probe-org.example", active: true, password: "do-not-log-this-password" }),
    });
    expect(user.status).toBe(201);
    await until(() => logLines().some((l) => l.requestId === "probe-scim-request-1"));
    const line = logLines().find((l) => l.requestId === "probe-scim-request-1")!;
    expect(line).toMatchObject({
      msg: "request",
      method: "POST",
      route: "/scim/v2/[directoryId]/[...path]",
      status: 201,
      actor: "scim_directory",
      organizationId: scim.organizationId,
    });
    expect(typeof line.durationMs).toBe("number");
    const created = await api("POST", "/organizations", { name: "Logged Org" });
    const requestId = created.response.headers.get("x-request-id");
    await until(() => logLines().some((l) => l.requestId === requestId));
    expect(logLines().find((l) => l.requestId === requestId)).toMatchObject({ route: "/organizations", status: 201, actor: "api_key" });
  });

  it("writes one JSON line per job run, with its kind, attempt, outcome and duration", async () => {
    // The pruning jobs are due at start; the worker polls every 200 ms here.
    await until(() => logLines().some((l) => l.msg === "job"));
    expect(logLines().find((l) => l.msg === "job")).toMatchObject({
      kind: expect.any(String),
      outcome: expect.stringMatching(/^(done|rescheduled)$/),
      durationMs: expect.any(Number),
    });
  });

  it("never writes tokens, keys, SCIM bodies or link paths to the log", async () => {
    await fetch(`${server.url}/portal/launch/a-link-token-that-must-not-be-logged`);
    await until(() => logLines().some((l) => l.route === "/portal/launch/[token]"));
    const output = server.output();
    for (const secret of [
      apiKey,
      scim.token,
      "secret.person@probe-org.example",
      "do-not-log-this-password",
      "a-link-token-that-must-not-be-logged",
      metricsToken,
    ]) {
      expect(output).not.toContain(secret);
    }
  });
});

describe("metrics", () => {
  it("refuses /metrics without the METRICS_TOKEN bearer", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-of-some-length", `Basic ${metricsToken}`, `Bearer ${metricsToken}x`]) {
      const response = await fetch(`${server.url}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status).toBe(401);
      expect((await response.json()) as object).toMatchObject({ code: "unauthorized" });
    }
  });

  it("exports requests by route and status, SCIM operations, SSO outcomes, the job queue, the pool and event-loop lag", async () => {
    const acs = await fetch(`${server.url}/sso/saml/${scim.connectionId}/acs`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `SAMLResponse=${encodeURIComponent(Buffer.from("<not-saml/>").toString("base64"))}`,
    });
    expect(acs.status).toBe(400);
    const response = await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toMatch(/portico_http_request_duration_seconds_count\{method="POST",route="\/organizations",status="201"\} \d+/);
    expect(text).toMatch(/portico_http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/health",status="200"\} \d+/);
    expect(text).toContain('portico_scim_operations_total{directory_type="okta scim v2.0",method="POST",resource="Users",status="201"} 1');
    expect(text).toMatch(/portico_sso_sign_ins_total\{outcome="failed",error_code="[a-z_]+"\} 1/);
    expect(text).toMatch(/portico_job_queue_rows\{kind="[a-z_.:-]+"\} \d+/);
    expect(text).toContain("portico_job_queue_depth");
    expect(text).toMatch(/portico_database_pool_max_connections\{driver="(pglite|postgres)"\} \d+/);
    expect(text).toMatch(/portico_database_pool_in_use_connections\{driver="(pglite|postgres)"\} \d+/);
    expect(text).toMatch(/portico_database_pool_waiting\{driver="(pglite|postgres)"\} \d+/);
    expect(text).toMatch(/portico_delivery_lag_seconds\{channel="webhook"\} 0\n/);
    // No log stream waits here; the reader's query ran (a failing reader leaves its channel out).
    expect(text).toMatch(/portico_delivery_lag_seconds\{channel="log_stream"\} 0\n/);
    expect(text).toMatch(/portico_event_loop_lag_seconds\{quantile="0\.99"\} [\d.e-]+/);
    // Paths with ids are folded into their template: no series per directory.
    expect(text).not.toContain(scim.directoryId);
  });
});

describe("webhook delivery lag", () => {
  it("reports how long the oldest due delivery has waited, and nothing once it is rescheduled", { timeout: 60_000 }, async () => {
    // A receiver that accepts the connection and never answers: the delivery stays due and in flight for 10 s.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as { port: number };
      const endpoint = await api("POST", "/webhook_endpoints", { endpoint_url: `https://127.0.0.1:${port}/hook`, events: ["organization.created"] });
      expect(endpoint.response.status).toBe(201);
      await api("POST", "/organizations", { name: "Lagging Org" });
      const lag = async () => {
        const text = await (await fetch(`${server.url}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } })).text();
        return Number(/portico_delivery_lag_seconds\{channel="webhook"\} ([\d.e+-]+)/.exec(text)?.[1] ?? Number.NaN);
      };
      let seen = await lag();
      for (let i = 0; i < 40 && !(seen >= 1); i++) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await lag();
      }
      expect(seen).toBeGreaterThanOrEqual(1);
      expect(seen).toBeLessThan(30);
      // The attempt times out after 10 s and the retry is a minute away: nothing is due any more.
      for (let i = 0; i < 100 && seen > 0; i++) {
        await new Promise((r) => setTimeout(r, 250));
        seen = await lag();
      }
      expect(seen).toBe(0);
      const removed = await fetch(`${server.url}/webhook_endpoints/${endpoint.body.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${apiKey}` } });
      expect(removed.ok).toBe(true);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
