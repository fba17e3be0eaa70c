import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase, signInThroughIdp } from "../support/sso-flow";

/**
 * `/sso/authorize` routing through the integrator's `@workos-inc/node` `sso` module, with a SAML IdP on
 * loopback: hints passed to the IdP, selectors, WorkOS's error redirects, and the API for automation
 * (activation, the SSO callback URLs).
 */
const CALLBACK = "https://app.example.com/sso/callback";
let idp: TestIdp;
let server: RunningServer;
let workos: WorkOS;
let apiKey: string;
let clientId: string;

beforeAll(async () => {
  idp = await startTestIdp({ email: "ada@acme-routing.example.com", firstName: "Ada", lastName: "Lovelace" });
  const database = await freshDatabaseEnv();
  clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "routing"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

let orgCount = 0;
/** An organization with a verified (and optionally a pending) domain, and a SAML connection made through the API. */
async function samlOrganization(options: { pendingDomain?: string; connection?: boolean } = {}) {
  const slug = `routing-${++orgCount}-${Date.now().toString(36)}`;
  const organization = await workos.organizations.createOrganization({
    name: `Acme ${slug}`,
    domainData: [
      { domain: `${slug}.example.com`, state: "verified" as never },
      ...(options.pendingDomain ? [{ domain: options.pendingDomain, state: "pending" as never }] : []),
    ],
  });
  if (options.connection === false) return { organization, domain: `${slug}.example.com`, connectionId: "" };
  const response = await api("POST", "/connections", { organization_id: organization.id, connection_type: "OktaSAML", metadata_url: idp.metadataUrl });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return { organization, domain: `${slug}.example.com`, connectionId: (JSON.parse(text) as { id: string }).id };
}

/** Where `/sso/authorize` sends the browser back to the app (an error), without following it. */
async function errorOf(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  expect([302, 303]).toContain(response.status);
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { error: back.searchParams.get("error"), description: back.searchParams.get("error_description"), state: back.searchParams.get("state") };
}

async function completeSignIn(url: string) {
  const { location } = await signInThroughIdp(url, idp);
  const back = new URL(location);
  const code = back.searchParams.get("code");
  expect(code, location).toBeTruthy();
  return { code: code!, state: back.searchParams.get("state") };
}

describe("hints reach the SAML IdP in the AuthnRequest", () => {
  it("loginHint becomes the Subject NameID (email format); without prompt=login there is no ForceAuthn; the profile comes back", async () => {
    const { organization, connectionId } = await samlOrganization();
    const url = workos.sso.getAuthorizationUrl({
      connection: connectionId,
      redirectUri: CALLBACK,
      clientId,
      state: "st-1",
      loginHint: "ada@acme-routing.example.com",
    });
    const { code, state } = await completeSignIn(url);
    expect(state).toBe("st-1");
    expect(idp.requests.at(-1)).toMatchObject({
      signatureVerified: true,
      forceAuthn: false,
      subjectNameId: "ada@acme-routing.example.com",
      subjectNameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    });
    const { profile, accessToken } = await workos.sso.getProfileAndToken({ code, clientId });
    expect(profile).toMatchObject({ email: "ada@acme-routing.example.com", organizationId: organization.id, connectionId, connectionType: "OktaSAML" });
    expect((await workos.sso.getProfile({ accessToken })).id).toBe(profile.id);
  });

  it('prompt=login sends ForceAuthn="true"; a login hint that is no email is sent as unspecified; no hint, no Subject', async () => {
    const { organization } = await samlOrganization();
    const url = new URL(workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId, loginHint: "ada.lovelace" }));
    url.searchParams.set("prompt", "login");
    await completeSignIn(url.toString());
    expect(idp.requests.at(-1)).toMatchObject({
      signatureVerified: true,
      forceAuthn: true,
      subjectNameId: "ada.lovelace",
      subjectNameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    });
    await completeSignIn(workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId }));
    expect(idp.requests.at(-1)).toMatchObject({ signatureVerified: true, forceAuthn: false, subjectNameId: null });
  });
});

describe("selectors", () => {
  it("organization with PKCE: the public client exchanges the code with its verifier alone", async () => {
    const { organization } = await samlOrganization();
    const { url, codeVerifier } = await workos.sso.getAuthorizationUrlWithPKCE({ organization: organization.id, redirectUri: CALLBACK, clientId });
    const { code } = await completeSignIn(url);
    const publicClient = new WorkOS({ clientId, apiHostname: "localhost", port: server.port, https: false } as never);
    const { profile } = await publicClient.sso.getProfileAndToken({ code, clientId, codeVerifier });
    expect(profile.organizationId).toBe(organization.id);
  });

  it("domain_hint (or domain) alone picks the organization by its verified domain, never by a pending one", async () => {
    const pending = `pending-${Date.now().toString(36)}.example.com`;
    const { organization, domain } = await samlOrganization({ pendingDomain: pending });
    // The SDK always sends a selector: with one, domainHint is only a hint and the selector decides.
    await completeSignIn(
      workos.sso.getAuthorizationUrl({ organization: organization.id, domainHint: "elsewhere.example.com", redirectUri: CALLBACK, clientId }),
    );
    const bare = (param: string, value: string) => {
      const url = new URL(`${server.url}/sso/authorize`);
      for (const [k, v] of Object.entries({ client_id: clientId, redirect_uri: CALLBACK, response_type: "code", state: "d", [param]: value }))
        url.searchParams.set(k, v);
      return url.toString();
    };
    const { code } = await completeSignIn(bare("domain_hint", domain.toUpperCase()));
    expect((await workos.sso.getProfileAndToken({ code, clientId })).profile.organizationId).toBe(organization.id);
    await completeSignIn(bare("domain", domain));
    expect(await errorOf(bare("domain_hint", pending))).toEqual({
      error: "connection_domain_invalid",
      description: "There is no connection for the provided domain.",
      state: "d",
    });
    const withoutConnection = await samlOrganization({ connection: false });
    expect((await errorOf(bare("domain", withoutConnection.domain))).error).toBe("connection_domain_invalid");
    expect(await errorOf(bare("login_hint", "ada@acme.example.com"))).toMatchObject({ error: "invalid_connection_selector", state: "d" });
  });
});

describe("errors go back to the redirect URI as WorkOS documents them", () => {
  it("connection_invalid, organization_invalid, ambiguous_connection_selector and connection_strategy_invalid, each with the state", async () => {
    const unknown = await errorOf(workos.sso.getAuthorizationUrl({ connection: "conn_01UNKNOWN", redirectUri: CALLBACK, clientId, state: "s1" }));
    expect(unknown).toEqual({ error: "connection_invalid", description: "There is no connection for the provided ID.", state: "s1" });
    expect(await errorOf(workos.sso.getAuthorizationUrl({ organization: "org_01UNKNOWN", redirectUri: CALLBACK, clientId, state: "s2" }))).toEqual({
      error: "organization_invalid",
      description: "There is no organization matching the provided ID.",
      state: "s2",
    });
    const empty = await samlOrganization({ connection: false });
    expect(await errorOf(workos.sso.getAuthorizationUrl({ organization: empty.organization.id, redirectUri: CALLBACK, clientId }))).toEqual({
      error: "organization_invalid",
      description: "No connection associated with organization",
      state: null,
    });
    const google = await errorOf(workos.sso.getAuthorizationUrl({ provider: "GoogleOAuth", redirectUri: CALLBACK, clientId, state: "s3" }));
    expect(google).toMatchObject({ error: "connection_strategy_invalid", state: "s3" });
    expect(google.description).toContain("GoogleOAuth");
    const unknownProvider = new URL(workos.sso.getAuthorizationUrl({ provider: "GoogleOAuth", redirectUri: CALLBACK, clientId }));
    unknownProvider.searchParams.set("provider", "Google");
    expect(await errorOf(unknownProvider.toString())).toMatchObject({
      error: "connection_strategy_invalid",
      description: "The provider 'Google' is not valid.",
    });

    const two = await samlOrganization();
    const second = await api("POST", "/connections", { organization_id: two.organization.id, connection_type: "GenericSAML", metadata_url: idp.metadataUrl });
    expect(second.status).toBe(201);
    const ambiguous = await errorOf(workos.sso.getAuthorizationUrl({ organization: two.organization.id, redirectUri: CALLBACK, clientId, state: "s4" }));
    expect(ambiguous).toMatchObject({ error: "ambiguous_connection_selector", state: "s4" });
    expect(ambiguous.description).toMatch(/^A connection could not be uniquely identified using the provided connection selector/);
    // Naming the connection resolves it.
    await completeSignIn(workos.sso.getAuthorizationUrl({ connection: two.connectionId, redirectUri: CALLBACK, clientId }));
  });
});

describe("activation through the API (PUT /connections/:id {state})", () => {
  it("deactivates and reactivates, each with its event; an inactive connection signs nobody in", async () => {
    const { organization, connectionId } = await samlOrganization();
    const off = await api("PUT", `/connections/${connectionId}`, { state: "inactive" });
    expect(off.status).toBe(200);
    expect(await off.json()).toMatchObject({ id: connectionId, state: "inactive" });
    expect((await workos.sso.getConnection(connectionId)).state).toBe("inactive");
    expect(await errorOf(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: CALLBACK, clientId }))).toMatchObject({
      error: "connection_invalid",
    });
    expect((await errorOf(workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId }))).error).toBe(
      "organization_invalid",
    );
    const on = await api("PUT", `/connections/${connectionId}`, { state: "active", name: "Acme Okta (renamed)" });
    expect(await on.json()).toMatchObject({ state: "active", name: "Acme Okta (renamed)" });
    await completeSignIn(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: CALLBACK, clientId }));
    const log = await workos.events.listEvents({ events: ["connection.activated", "connection.deactivated"], organizationId: organization.id });
    expect(log.data.map((e) => e.event)).toEqual(["connection.activated", "connection.deactivated", "connection.activated"]);
  });

  it("names a bad state, and refuses to activate a connection without an IdP configuration", async () => {
    const { organization, connectionId } = await samlOrganization();
    const bad = await api("PUT", `/connections/${connectionId}`, { state: "on" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ field: "state", code: "state_invalid" }] });
    const draft = await api("POST", "/connections", { organization_id: organization.id, connection_type: "GenericSAML" });
    const { id, state } = (await draft.json()) as { id: string; state: string };
    expect(state).toBe("draft");
    const refused = await api("PUT", `/connections/${id}`, { state: "active" });
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ errors: [{ field: "state", code: "connection_not_configured" }] });
    expect((await api("PUT", "/connections/conn_01UNKNOWN", { state: "inactive" })).status).toBe(404);
  });
});

describe("the SSO callback URLs through the API and the CLI", () => {
  it("GET and PUT /redirect_uris, under the Redirects page's rules", async () => {
    expect(await (await api("GET", "/redirect_uris")).json()).toEqual({ redirect_uris: [CALLBACK] });
    const other = "https://other-app.example.com/callback";
    const put = await api("PUT", "/redirect_uris", { redirect_uris: [CALLBACK, other] });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ redirect_uris: [CALLBACK, other] });
    const { connectionId } = await samlOrganization();
    const response = await fetch(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: other, clientId }), { redirect: "manual" });
    expect(new URL(response.headers.get("location")!).origin).toBe(idp.url);
    const bad = await api("PUT", "/redirect_uris", { redirect_uris: [CALLBACK, "http://app.example.com/cb", "javascript:alert(1)"] });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: { field: string; code: string }[] }).errors).toEqual([
      expect.objectContaining({ field: "redirect_uris.1", code: "url_not_https" }),
      expect.objectContaining({ field: "redirect_uris.2", code: "url_not_https" }),
    ]);
    expect((await api("PUT", "/redirect_uris", { redirect_uris: "https://x.example.com" })).status).toBe(422);
    expect(await (await api("GET", "/redirect_uris")).json()).toEqual({ redirect_uris: [CALLBACK, other] });
    await api("PUT", "/redirect_uris", { redirect_uris: [CALLBACK] });
    const refused = await fetch(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: other, clientId }), { redirect: "manual" });
    expect(refused.status).toBe(422);
  });

  it("npm run portico -- set-redirect-uris replaces the list and names a bad URL", { timeout: 300_000 }, async () => {
    const database = await freshDatabaseEnv();
    // Migrated here, so the CLI's own time limit is spent on the command, not on a first migration.
    await seedDatabase(database.env, async () => {});
    const set = runCli(["set-redirect-uris", "https://a.example.com/cb", "https://b.example.com/cb"], database.env);
    expect(set.status, set.stderr).toBe(0);
    expect(set.stdout.trim().split("\n")).toEqual(["https://a.example.com/cb", "https://b.example.com/cb"]);
    const bad = runCli(["set-redirect-uris", "https://a.example.com/cb", "ftp://b.example.com/cb"], database.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("redirectUris.1");
    const stored = await seedDatabase(database.env, async (db) => (await import("@/server/services/settings/redirects")).getRedirectSettings(db));
    expect(stored.ssoCallbackUrls).toEqual(["https://a.example.com/cb", "https://b.example.com/cb"]);
  });
});
