import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../support/server";

let plain: RunningServer;
let https: RunningServer;

beforeAll(async () => {
  // Behind a TLS-terminating proxy, as a production install with an https PUBLIC_URL is.
  [plain, https] = await Promise.all([startServer(), startServer({ env: { PUBLIC_URL: "https://portico.vendor.example.com" } })]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), https?.stop()]);
});

/** A raw request: the path goes out byte for byte, as a client that does not normalise URLs sends it. */
function raw(
  server: RunningServer,
  path: string,
  method = "GET",
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port: server.port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const scriptSource = (csp: string | null) =>
  csp
    ?.split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src")) ?? "";

describe("malformed percent-encoding in the path", () => {
  const paths = [
    "/organizations/%E0%A4%A",
    "/%ff",
    "/organizations/org_1/%c0%af",
    "/portal/%E0%A4%A",
    "/portal/launch/%ff%fe",
    "/dashboard/organizations/%",
    "/sso/saml/%ff/acs",
    "/api/trpc/%ff",
  ];

  it.each(paths)("answers %s with a 400 JSON error, a request id and the security headers", async (path) => {
    for (const method of ["GET", "POST"]) {
      const response = await raw(plain, path, method);
      expect(response.status, `${method} ${path}`).toBe(400);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toEqual({ code: "invalid_request_path", message: expect.stringMatching(/percent-encoding/) });
      expect(response.headers["x-request-id"]).toMatch(/^[\w.:-]{8,}$/);
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
      expect(response.headers["x-frame-options"]).toBe("DENY");
      expect(response.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(response.headers["cache-control"]).toBe("no-store");
    }
  });

  it("answers SCIM paths with a SCIM error body, and keeps a sane request id", async () => {
    const response = await new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = request(
        { host: "localhost", port: plain.port, path: "/scim/v2/directory_x/Users/%E0%A4%A", headers: { "X-Request-ID": "idp-req-12345" } },
        (res) => {
          let body = "";
          res.on("data", (c) => (body += c)).on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        },
      );
      req.on("error", reject).end();
    });
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toMatch(/^application\/scim\+json/);
    expect(JSON.parse(response.body)).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "400", scimType: "invalidSyntax" });
    expect(response.headers["x-request-id"]).toBe("idp-req-12345");
  });

  it("sends HSTS on the error too when PUBLIC_URL is https", async () => {
    const response = await raw(https, "/%ff");
    expect(response.status).toBe(400);
    expect(response.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });
});

describe("security headers", () => {
  it("gives pages a CSP whose scripts need this response's nonce, never 'unsafe-inline'", async () => {
    const first = await fetch(`${plain.url}/sign-in`);
    const second = await fetch(`${plain.url}/sign-in`);
    const html = await first.text();
    const script = scriptSource(first.headers.get("content-security-policy"));
    expect(script).not.toContain("'unsafe-inline'");
    const nonce = /'nonce-([^']+)'/.exec(script)?.[1];
    expect(nonce).toBeTruthy();
    expect(scriptSource(second.headers.get("content-security-policy"))).not.toContain(nonce);
    // Every script Next.js rendered carries the nonce, or the browser would refuse it.
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("marks API replies, tRPC, auth routes, portal and dashboard pages no-store, and lets static assets cache", async () => {
    for (const path of [
      "/organizations",
      "/api/trpc/portal.overview.get",
      "/api/auth/csrf",
      "/api/auth/session",
      "/sign-in",
      "/dashboard",
      "/portal/link-error?reason=unknown",
      "/",
      "/no-such-page",
      "/scim/v2/directory_x/Users",
    ]) {
      const response = await fetch(`${plain.url}${path}`, { redirect: "manual" });
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("cache-control"), path).toContain("no-store");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    const html = await (await fetch(`${plain.url}/sign-in`)).text();
    const asset = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const cached = await fetch(`${plain.url}${asset}`);
    expect(cached.status).toBe(200);
    expect(cached.headers.get("cache-control")).toContain("immutable");
    expect(cached.headers.get("cache-control")).not.toContain("no-store");
  });

  it("sends HSTS on every reply when PUBLIC_URL is https, and not over plain http", async () => {
    for (const path of ["/sign-in", "/organizations", "/scim/v2/directory_x/Users", "/sso/authorize"]) {
      const response = await fetch(`${https.url}${path}`, { redirect: "manual" });
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
      expect((await fetch(`${plain.url}${path}`, { redirect: "manual" })).headers.get("strict-transport-security"), path).toBeNull();
    }
  });

  it("answers audit-log ingest as every API route does: JSON error, a sane request id kept, a forged one replaced, data-only CSP", async () => {
    const post = (requestId: string) =>
      fetch(`${plain.url}/audit_logs/events`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Request-ID": requestId, Authorization: "Bearer sk_not_a_key" },
        body: JSON.stringify({ organization_id: "org_x", event: {} }),
      });
    const refused = await post("ingest-12345678");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("content-type")).toContain("application/json");
    expect(((await refused.json()) as { message: string }).message).toContain("API key");
    expect(refused.headers.get("x-request-id")).toBe("ingest-12345678");
    expect(refused.headers.get("cache-control")).toContain("no-store");
    expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
    expect(refused.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    const forged = await post("<script>alert(1)</script>");
    expect(forged.status).toBe(401);
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("leaves the SSO endpoints their own CSP, without a page nonce", async () => {
    const response = await fetch(`${plain.url}/sso/saml/conn_missing/metadata`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });
});
