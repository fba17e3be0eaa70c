import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { getClientId } from "@/server/services/settings/installation";
import { exampleIds } from "@/server/api/openapi/examples";
import { type Document, documentValidator, type Operation, routeHandlers, routeServes, substitute } from "../support/openapi";
import { projectRoot } from "../support/paths";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";

/**
 * The OpenAPI document matches the server: every API route file has its operations, and every
 * operation's own example, sent to the real server, is accepted and answered in the documented shape.
 */
const CALLBACK = "https://app.example.com/sso/callback";

/** Route files that are no part of the API, with the reason. Every other one must be documented. */
const NOT_API: Record<string, string> = {
  "/[...rest]": "the JSON 404 for paths that are no route",
  "/api/auth/[...nextauth]": "the dashboard's sign-in (next-auth)",
  "/api/trpc/[trpc]": "the dashboard's and portal's own tRPC calls",
  "/portal/launch/[token]": "a browser following a portal link",
  "/sso/saml/[connectionId]/acs": "the IdP's browser post (SAML HTTP-POST binding)",
  "/sso/saml/[connectionId]/begin/[sessionId]": "the Admin Portal's Test sign-in tab",
  "/sso/oidc/[connectionId]/callback": "the IdP's browser redirect (OIDC)",
  "/api/oauth/saml": "the IdP's browser post for connections imported from Ory Polis (SAML HTTP-POST binding)",
  "/audit_logs/exports/[id]/download": "a signed link handed out in GET /audit_logs/exports/{id}",
  "/metrics": "Prometheus scraping, off unless METRICS_TOKEN is set",
  "/docs/api/assets/[file]": "the API reference's script",
};

/** Creates first (their ids feed the rest), then reads and changes, then deletes, the organization last. */
const FIRST = [
  "createOrganization",
  "createOrganizationDomain",
  "createConnection",
  "createDirectory",
  "scimCreateUser",
  "scimCreateGroup",
  "createWebhookEndpoint",
  "createItContact",
  "createAuditLogSchema",
  "createAuditLogEvent",
  "createAuditLogExport",
  "inviteItContact",
  "revokeItContactInvitation",
];
const LAST = [
  "scimDeleteUser",
  "scimDeleteGroup",
  "deleteItContact",
  "deleteWebhookEndpoint",
  "deleteConnection",
  "deleteOrganizationDomain",
  "deleteDirectory",
  "deleteOrganization",
];
/**
 * A code and an access token come only from a sign-in at an IdP (sso-saml.test.ts drives those through
 * the SDK): the examples here get the documented refusal. The organization of the authorize example
 * has no active connection yet, so the browser goes back to the app with an OAuth error.
 */
const EXPECTED: Record<string, number> = { getProfileAndToken: 400, getProfile: 401, authorize: 303 };

let server: RunningServer;
let document: Document;
const ids = new Map<string, string>();
let scimToken = "";
let apiKey = "";

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  const clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "openapi"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  ids.set(exampleIds.clientId, clientId);
  ids.set(exampleIds.apiKey, apiKey);
  server = await startServer({ database, env: { DNS_SERVERS: "127.0.0.1:9", DNS_TIMEOUT_MS: "200" } });
  const response = await fetch(`${server.url}/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});
afterAll(async () => {
  await server?.stop();
});

function operations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(document.paths).flatMap(([p, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path: p, op })));
}

function ordered() {
  const all = operations();
  const rank = (id: string) => (FIRST.includes(id) ? FIRST.indexOf(id) - 1000 : LAST.includes(id) ? 1000 + LAST.indexOf(id) : 0);
  return [...all].sort((a, b) => rank(a.op.operationId) - rank(b.op.operationId));
}

/** Remembers the ids a create answered with, in place of the examples' ids. */
function capture(operationId: string, body: Record<string, unknown> | null) {
  if (!body) return;
  const id = String(body.id);
  const map: Record<string, string[]> = {
    createOrganization: [exampleIds.organization],
    createOrganizationDomain: [exampleIds.domain],
    createConnection: [exampleIds.connection],
    createDirectory: [exampleIds.directory],
    scimCreateUser: [exampleIds.scimUser, exampleIds.directoryUser],
    scimCreateGroup: [exampleIds.scimGroup, exampleIds.directoryGroup],
    createWebhookEndpoint: [exampleIds.webhookEndpoint],
    createItContact: [exampleIds.itContact],
    createAuditLogExport: [exampleIds.auditLogExport],
  };
  for (const example of map[operationId] ?? []) ids.set(example, id);
  // Rotating the token ends the old one at once: later SCIM calls use the new one.
  if (operationId === "createDirectory" || operationId === "rotateDirectoryToken") scimToken = String(body.bearer_token);
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the API key and SCIM token security schemes", () => {
    expect(document).toMatchObject({ openapi: "3.1.0", components: { securitySchemes: { apiKey: { scheme: "bearer" }, scim: { scheme: "bearer" } } } });
    expect(document.paths["/organizations"]?.get?.security).toEqual([{ apiKey: [] }]);
    expect(document.paths["/scim/v2/{directoryId}/Users"]?.get?.security).toEqual([{ scim: [] }]);
  });

  it("has an operation for every method of every API route file", () => {
    const handlers = routeHandlers(path.join(projectRoot, "app"));
    for (const route of Object.keys(NOT_API)) expect(handlers.map((h) => h.route)).toContain(route);
    const missing = handlers
      .filter((h) => !(h.route in NOT_API))
      .flatMap((h) => h.methods.map((m) => ({ route: h.route, method: m.toLowerCase() })))
      .filter(({ route, method }) => !operations().some((o) => o.method === method && routeServes(route, o.path)))
      .map(({ route, method }) => `${method.toUpperCase()} ${route}`);
    expect(missing).toEqual([]);
  });

  it("gives every operation an example, a curl sample and, where the SDK has the call, a @workos-inc/node one", () => {
    for (const { op } of operations()) {
      const samples = (op["x-codeSamples"] ?? []) as { label: string; source: string }[];
      expect(
        samples.map((s) => s.label),
        op.operationId,
      ).toContain("curl");
      for (const p of op.parameters.filter((p) => p.required)) expect(p.example, `${op.operationId} ${p.name}`).toBeDefined();
      for (const media of Object.values(op.requestBody?.content ?? {})) expect(media.example, op.operationId).toBeDefined();
    }
    expect(
      operations().filter(({ op }) => ((op["x-codeSamples"] ?? []) as { label: string }[]).some((s) => s.label === "@workos-inc/node")).length,
    ).toBeGreaterThan(30);
  });

  it("answers each operation's example as documented", { timeout: 240_000 }, async () => {
    const check = documentValidator(document);
    const problems: string[] = [];
    for (const { method, path: template, op } of ordered()) {
      const name = `${op.operationId} (${method.toUpperCase()} ${template})`;
      const [contentType, media] = Object.entries(op.requestBody?.content ?? {})[0] ?? [];
      // The example itself satisfies the request schema.
      if (media) for (const p of check(media.schema, media.example)) problems.push(`${name}: example body ${p}`);
      const params = substitute(Object.fromEntries(op.parameters.map((p) => [p.name, p.example])), ids);
      const url = new URL(
        template.replace(/\{(\w+)\}/g, (_, n: string) => encodeURIComponent(params[n] ?? "")),
        server.url,
      );
      for (const p of op.parameters.filter((q) => q.in === "query" && q.example !== undefined)) url.searchParams.set(p.name, params[p.name]!);
      const security = (op.security as Record<string, unknown>[])[0];
      const token = security && "apiKey" in security ? apiKey : security && "scim" in security ? scimToken : security ? "not-an-access-token-0000000000" : null;
      const body = media ? substitute(media.example, ids) : undefined;
      const response = await fetch(url, {
        method: method.toUpperCase(),
        redirect: "manual",
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(contentType ? { "Content-Type": contentType } : {}) },
        body:
          body === undefined
            ? undefined
            : contentType === "application/x-www-form-urlencoded"
              ? new URLSearchParams(body as Record<string, string>)
              : JSON.stringify(body),
      });
      const text = await response.text();
      const expected = EXPECTED[op.operationId] ? [String(EXPECTED[op.operationId])] : Object.keys(op.responses).filter((s) => s.startsWith("2"));
      if (!expected.includes(String(response.status))) {
        problems.push(`${name}: answered ${response.status}, expected ${expected.join(" or ")}: ${text.slice(0, 300)}`);
        continue;
      }
      const documented = op.responses[String(response.status)]!;
      const [responseType, responseMedia] = Object.entries(documented.content ?? {})[0] ?? [];
      if (!responseType) {
        if (text !== "") problems.push(`${name}: documented as empty, answered ${text.slice(0, 100)}`);
        continue;
      }
      if (!response.headers.get("content-type")?.startsWith(responseType)) problems.push(`${name}: content type ${response.headers.get("content-type")}`);
      if (!responseMedia?.schema || !/json/.test(responseType)) continue;
      const json = JSON.parse(text) as Record<string, unknown> | null;
      for (const p of check(responseMedia.schema, json)) problems.push(`${name}: response ${p}`);
      capture(op.operationId, json);
    }
    expect(problems).toEqual([]);
  });
});
