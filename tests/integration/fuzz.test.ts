import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonRequest, mergeOutcomes, sendMatrix, type FuzzOutcome, type FuzzRequest } from "../support/fuzz-client";
import { badBodies, badPathSegments, badQueryValues } from "../support/fuzz-matrix";
import { acsMatrix, scimAuthMatrix, scimMatrix, type ScimTarget } from "../support/fuzz-protocols";
import { restBodies, restMatrix, trpcMatrix, type FuzzTargets } from "../support/fuzz-routes";
import { makeKeyPair } from "../support/saml-idp";
import { flatProcedureNames, otherAuthentication, procedures, restRoutes } from "../support/routes";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, trpc } from "../support/sso-flow";
import { bootstrapOwner, bootstrapOwnerEnv } from "../support/staff-browser";

/**
 * Bad input never gives a 5xx. A fixed matrix of malformed requests goes to every REST route, tRPC
 * procedure, SCIM endpoint and browser-facing handler listed in tests/support/routes.ts (the list the
 * authorization harness keeps complete). Any 5xx, hang, or non-JSON answer from an API route fails.
 */
const callbackUrl = "https://app.example.com/callback";

let server: RunningServer;
let apiKey: string;
let certificate: string;
let targets: FuzzTargets;
let scim: ScimTarget;
let clientId: string;
let staffCookie: string;
const portalCookies: Record<string, string> = {};
const outcomes: Record<string, FuzzOutcome> = {};

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Posts credentials to next-auth's own endpoint, with its CSRF token, as the sign-in form does. */
async function postCredentials(email: string, password: string): Promise<Response> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]!);
  const form = new URLSearchParams({ csrfToken, email, password, callbackUrl: `${server.url}/dashboard` });
  return fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: form,
  });
}

async function signInStaff(): Promise<string> {
  const response = await postCredentials(bootstrapOwner.email, bootstrapOwner.password);
  const session = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in failed: ${response.status}`);
  return session;
}

async function scimCall(method: string, path: string, body: unknown) {
  const response = await fetch(`${server.url}/scim/v2/${scim.directoryId}${path}`, {
    method,
    headers: { Authorization: `Bearer ${scim.token}`, "Content-Type": "application/scim+json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as { id: string };
}

/** Browser-facing and protocol handlers outside the API-key surface, each with its own matrix. */
const otherRoutes: Record<keyof typeof otherAuthentication, () => FuzzRequest[]> = {
  "/api/auth/[...nextauth]": () => [
    ...[
      "authjs.session-token=garbage",
      "authjs.session-token=%E0%A4%A",
      "authjs.csrf-token=%00",
      "__Secure-authjs.session-token=a.b.c.d.e",
      "portico_portal=%E0%A4%A",
    ].map((cookie): FuzzRequest => ({ label: `next-auth session with ${cookie}`, method: "GET", path: "/api/auth/session", headers: { cookie }, json: true })),
    ...["email=%00&password=x", "email=a%40b.example&password=%00", "email=%ED%A0%80", "", "csrfToken=%00&email=x&password=y"].map(
      (body): FuzzRequest => ({
        label: `next-auth credentials ${body}`,
        method: "POST",
        path: "/api/auth/callback/credentials",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body,
        json: false,
      }),
    ),
    { label: "next-auth unknown action", method: "GET", path: "/api/auth/%00", json: false },
  ],
  "/api/trpc/[trpc]": () => [
    { label: "tRPC unknown procedure", method: "GET", path: "/api/trpc/nope", json: true },
    { label: "tRPC NUL procedure", method: "GET", path: "/api/trpc/%00", json: true },
    {
      label: "tRPC batch of garbage",
      method: "POST",
      path: "/api/trpc/staff.me,staff.list?batch=1",
      headers: { "Content-Type": "application/json" },
      body: '{"0": null, "1": "\\u0000"}',
      json: true,
    },
    { label: "tRPC batch input not an object", method: "GET", path: "/api/trpc/staff.me,staff.list?batch=1&input=%5B1%5D", json: true },
  ],
  "/portal/launch/[token]": () =>
    badPathSegments.map((token) => ({ label: `portal launch ${token.slice(0, 12)}`, method: "GET", path: `/portal/launch/${token}`, json: false })),
  "/sso/authorize": () => {
    const valid = { client_id: clientId, redirect_uri: callbackUrl, response_type: "code", organization: targets.organizationId, state: "s" };
    const requests: FuzzRequest[] = [];
    for (const name of [...Object.keys(valid), "connection", "domain", "code_challenge", "code_challenge_method", "provider"]) {
      for (const value of badQueryValues) {
        const params = new URLSearchParams(valid);
        params.delete(name);
        requests.push({ label: `authorize ${name}=${value.slice(0, 12)}`, method: "GET", path: `/sso/authorize?${params}&${name}=${value}`, json: "errors" });
      }
    }
    return requests;
  },
  "/sso/token": () => [
    ...badBodies.map(
      (bad): FuzzRequest => ({
        label: `token body ${bad.label}`,
        method: "POST",
        path: "/sso/token",
        headers: bad.contentType ? { "Content-Type": bad.contentType } : {},
        body: bad.body,
        json: true,
      }),
    ),
    ...["client_id", "client_secret", "grant_type", "code", "code_verifier"].flatMap((field) =>
      [null, 1, ["x"], { a: 1 }, "\u0000", "\ud800"].map((value) =>
        jsonRequest(`token ${field}=${JSON.stringify(value)}`, "POST", "/sso/token", {
          client_id: clientId,
          client_secret: apiKey,
          grant_type: "authorization_code",
          code: "c",
          [field]: value,
        }),
      ),
    ),
  ],
  "/sso/profile": () =>
    ["Bearer", `Bearer ${"x".repeat(30)}\u00ff`, "Basic Og==", `Bearer ${"x".repeat(8000)}`].map((authorization) => ({
      label: `profile ${authorization.slice(0, 12)}`,
      method: "GET",
      path: "/sso/profile",
      headers: { Authorization: authorization },
      json: true,
    })),
  "/sso/saml/[connectionId]/acs": () => acsMatrix([targets.connectionId, "%00", "conn_%00", "c".repeat(3000)]),
  "/api/oauth/saml": () => acsMatrix([""]).map((r) => ({ ...r, label: r.label.replace("ACS", "shared ACS"), path: "/api/oauth/saml" })),
  "/sso/saml/[connectionId]/metadata": () =>
    badPathSegments.map((id) => ({ label: `metadata ${id.slice(0, 12)}`, method: "GET", path: `/sso/saml/${id}/metadata`, json: false })),
  "/sso/saml/[connectionId]/begin/[sessionId]": () =>
    badPathSegments.flatMap((id) => [
      { label: `begin connection ${id.slice(0, 12)}`, method: "GET", path: `/sso/saml/${id}/begin/sso_session_x`, json: false },
      { label: `begin session ${id.slice(0, 12)}`, method: "GET", path: `/sso/saml/${targets.connectionId}/begin/${id}`, json: false },
    ]),
  "/audit_logs/exports/[id]/download": () =>
    [
      ...badPathSegments.map((id) => `/audit_logs/exports/${id}/download?expires=1&signature=x`),
      "/audit_logs/exports/x/download?expires=%00&signature=%E0%A4%A",
      `/audit_logs/exports/x/download?expires=${"9".repeat(400)}&signature=${"f".repeat(64)}`,
    ].map((path): FuzzRequest => ({ label: `export download ${path.slice(20, 40)}`, method: "GET", path, json: true })),
  "/sso/oidc/[connectionId]/callback": () => [
    ...badPathSegments.map(
      (id): FuzzRequest => ({
        label: `OIDC callback connection ${id.slice(0, 12)}`,
        method: "GET",
        path: `/sso/oidc/${id}/callback?code=c&state=s`,
        json: false,
      }),
    ),
    ...["state=%00&code=x", "state=%ED%A0%80", "code=x", "error=%00&state=s", `state=${"s".repeat(5000)}`, "state=s&state=t&code=%E0%A4%A"].map(
      (query): FuzzRequest => ({
        label: `OIDC callback ${query.slice(0, 20)}`,
        method: "GET",
        path: `/sso/oidc/${targets.connectionId}/callback?${query}`,
        json: false,
      }),
    ),
  ],
  // The SCIM server has its own, larger matrix below; these are the requests that hit no directory at all.
  "/scim/v2/[directoryId]/[...path]": () => [{ label: "SCIM no directory", method: "GET", path: "/scim/v2/%00/Users", json: true }],
  "/[...rest]": () =>
    ["/no_such_route", "/no_such_route/%00", "/organizations/org_1/nothing_here", `/${"x".repeat(3000)}`].flatMap((path) =>
      (["GET", "POST", "DELETE"] as const).map((method): FuzzRequest => ({ label: `unknown ${method} ${path.slice(0, 24)}`, method, path, json: true })),
    ),
  "/health": () => [{ label: "health with a query", method: "GET", path: "/health?x=%00", json: true }],
  "/ready": () => [{ label: "ready with a query", method: "GET", path: "/ready?%E0%A4%A", json: true }],
  "/openapi.json": () => [{ label: "OpenAPI document with a query", method: "GET", path: "/openapi.json?%E0%A4%A=%00", json: true }],
  "/docs/api/assets/[file]": () =>
    [...badPathSegments, "reference-0.0.0.js", "..%2Fpackage.json"].map((file) => ({
      label: `reference asset ${file.slice(0, 12)}`,
      method: "GET",
      path: `/docs/api/assets/${file}`,
      json: true,
    })),
  "/metrics": () =>
    ["Bearer", "Bearer \u00ff", `Bearer ${"x".repeat(8000)}`, "Basic Og=="].map((authorization) => ({
      label: `metrics ${authorization.slice(0, 12)}`,
      method: "GET",
      path: "/metrics",
      headers: { Authorization: authorization },
      json: true,
    })),
};

function report(name: string, outcome: FuzzOutcome) {
  outcomes[name] = outcome;
  expect(outcome.failures, `${outcome.failures.length} of ${outcome.sent} ${name} requests failed`).toEqual([]);
}

describe("malformed input on every route", () => {
  beforeAll(async () => {
    const database = await freshDatabaseEnv();
    const created = runCli(["create-api-key", "--name", "fuzz"], database.env);
    if (created.status !== 0) throw new Error(created.stderr);
    apiKey = created.stdout.trim();
    // Domains added by the matrix are checked in the background: no resolver answers, quickly.
    server = await startServer({
      database,
      env: { ...bootstrapOwnerEnv, API_RATE_LIMIT_PER_MINUTE: "1000000", DNS_SERVERS: "127.0.0.1:9", DNS_TIMEOUT_MS: "200" },
    });
    certificate = (await makeKeyPair("idp.fuzz.example")).certificate;
    const organization = await api("POST", "/organizations", { name: "Fuzz Org" });
    const organizationId = organization.id as string;
    const connection = await api("POST", "/connections", {
      organization_id: organizationId,
      idp_entity_id: "https://idp.example.org/e",
      sso_url: "https://idp.example.org/sso",
      x509_certificates: [certificate],
    });
    const directory = await api("POST", "/directories", { organization_id: organizationId, type: "okta" });
    const contact = await api("POST", `/organizations/${organizationId}/it_contacts`, { email: "it.admin@fuzz-org.example" });
    targets = { organizationId, connectionId: connection.id as string, directoryId: directory.id as string, contactId: contact.id as string };
    const scimOrganization = await api("POST", "/organizations", { name: "Fuzz SCIM Org" });
    const scimDirectory = await api("POST", "/directories", { organization_id: scimOrganization.id, type: "generic" });
    scim = { directoryId: scimDirectory.id as string, token: scimDirectory.bearer_token as string, userId: "", groupId: "" };
    scim.userId = (await scimCall("POST", "/Users", { userName: "seed@fuzz-org.example", active: true })).id;
    scim.groupId = (await scimCall("POST", "/Groups", { displayName: "Seed", members: [{ value: scim.userId }] })).id;
    for (const intent of ["sso", "dsync", "domain_verification"]) {
      const link = await api("POST", "/portal/generate_link", { organization: organizationId, intent });
      portalCookies[intent] = await portalCookie(link.link as string);
    }
    staffCookie = await signInStaff();
    clientId = (await trpc<{ clientId: string }>(server.url, staffCookie, "apiKeys.list", undefined, "query")).clientId;
    await trpc(server.url, staffCookie, "settings.updateRedirects", { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [callbackUrl] });
  });

  afterAll(async () => {
    const lines = Object.entries(outcomes).map(
      ([name, o]) => `  ${name}: ${o.sent} requests, ${o.failures.length} failed, statuses ${JSON.stringify(o.byStatus)}`,
    );
    const total = Object.values(outcomes).reduce((n, o) => n + o.sent, 0);
    console.log(`Fuzz matrix: ${total} malformed requests\n${lines.join("\n")}`);
    await server?.stop();
  });

  it("has a matrix for every route and procedure", () => {
    expect(flatProcedureNames()).toEqual(Object.keys(procedures).sort());
    const withBody = Object.keys(restRoutes).filter((r) => /^(POST|PUT|PATCH) /.test(r));
    expect(Object.keys(restBodies).sort()).toEqual(withBody.sort());
    expect(Object.keys(otherRoutes).sort()).toEqual(Object.keys(otherAuthentication).sort());
  });

  it("answers malformed REST API requests with a 4xx JSON error", { timeout: 180_000 }, async () => {
    const requests = Object.entries(restRoutes).flatMap(([route, target]) => restMatrix(route, target, targets, apiKey, certificate));
    report("REST", await sendMatrix(server.url, requests));
  });

  it("answers malformed tRPC calls and garbled cookies with a 4xx JSON error", { timeout: 180_000 }, async () => {
    const cookies = { staff: staffCookie, portal: (intent: string) => portalCookies[intent]! };
    const requests = Object.keys(procedures).flatMap((name) => trpcMatrix(name, targets, cookies));
    report("tRPC", await sendMatrix(server.url, requests));
  });

  it("answers malformed SCIM requests with a SCIM error", { timeout: 180_000 }, async () => {
    const main = await sendMatrix(server.url, scimMatrix(scim));
    const auth = await sendMatrix(server.url, scimAuthMatrix(scim));
    report("SCIM", mergeOutcomes(main, auth));
  });

  it("answers malformed SSO, sign-in and portal-link requests without a server error", { timeout: 180_000 }, async () => {
    // The REST matrix may have replaced the callback URLs (PUT /redirect_uris): authorize needs this one.
    await trpc(server.url, staffCookie, "settings.updateRedirects", { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [callbackUrl] });
    const requests = Object.values(otherRoutes).flatMap((build) => build());
    report("SSO, sign-in and links", await sendMatrix(server.url, requests));
  });

  it("names the problem: the field with a NUL or lone surrogate, the filter too deep, the body that is no object", async () => {
    const post = (path: string, body: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${path}`, { method: "POST", headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers }, body });
    const nul = await post("/organizations", '{"name": "Acme\\u0000"}');
    expect(nul.status).toBe(422);
    expect(await nul.json()).toMatchObject({ code: "invalid_request_parameters", errors: [{ field: "name", code: "name_invalid_characters" }] });
    const inQuery = await fetch(`${server.url}/directories?organization_id=org%00`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(await inQuery.json()).toMatchObject({ errors: [{ field: "organization_id", code: "organization_id_invalid_characters" }] });

    const scimHeaders = { Authorization: `Bearer ${scim.token}`, "Content-Type": "application/scim+json" };
    const surrogate = await post(`/scim/v2/${scim.directoryId}/Users`, '{"userName": "a\\ud800"}', scimHeaders);
    expect(surrogate.status).toBe(400);
    expect(await surrogate.json()).toMatchObject({ status: "400", scimType: "invalidValue", detail: expect.stringContaining("userName") });
    const deep = `${"not (".repeat(150)}userName eq "a"${")".repeat(150)}`;
    const filter = await fetch(`${server.url}/scim/v2/${scim.directoryId}/Users?filter=${encodeURIComponent(deep)}`, { headers: scimHeaders });
    expect(filter.status).toBe(400);
    expect(await filter.json()).toMatchObject({ scimType: "invalidFilter", detail: expect.stringContaining("nests more than") });

    const token = await fetch(`${server.url}/sso/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "null" });
    expect(token.status).toBe(400);
    expect(await token.json()).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("JSON object") });

    const trpcNul = await fetch(`${server.url}/api/trpc/organizations.create`, {
      method: "POST",
      headers: { cookie: staffCookie, "Content-Type": "application/json" },
      body: '{"name": "x\\u0000"}',
    });
    expect(trpcNul.status).toBe(400);
    expect(await trpcNul.json()).toMatchObject({ error: { data: { code: "BAD_REQUEST", fieldErrors: [{ field: "name", code: "name_invalid_characters" }] } } });
    // A garbled portal cookie beside a good staff session is no portal session, and no reason to fail the call.
    const garbled = await fetch(`${server.url}/api/trpc/staff.me`, { headers: { cookie: `${staffCookie}; portico_portal=%E0%A4%A` } });
    expect(garbled.status).toBe(200);

    const acs = await fetch(`${server.url}/sso/saml/${targets.connectionId}/acs`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        SAMLResponse: Buffer.from('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">\u0000</samlp:Response>').toString("base64"),
      }),
    });
    expect(acs.status).toBe(400);
    expect(await acs.text()).toContain("malformed_response");

    // A NUL in the sign-in email is a failed sign-in, not a server fault ("Configuration").
    const signIn = await postCredentials("owner\u0000@vendor-e2e.example.com", "whatever password");
    expect(signIn.headers.get("location")).toContain("error=CredentialsSignin");
  });
});
