import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundException, WorkOS } from "@workos-inc/node";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { idpMetadataXml } from "../support/saml-idp";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, postToAcs, seedDatabase, signInThroughIdp, trpc } from "../support/sso-flow";

/**
 * SSO with SAML end to end through real interfaces: the portal's procedures over HTTP, the test IdP
 * on loopback signing real responses, the ACS, and the integrator's `@workos-inc/node` calls unchanged.
 */
const CALLBACK = "https://app.example.com/sso/callback";
let idp: TestIdp;
let server: RunningServer;
let workos: WorkOS;
let apiKey: string;
let clientId: string;

beforeAll(async () => {
  idp = await startTestIdp({ email: "ada@acme-sso.example.com", firstName: "Ada", lastName: "Lovelace", groups: ["Engineering", "Admins"] });
  const database = await freshDatabaseEnv();
  clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "sso"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  // Loopback metadata URLs are refused unless allowed: the test IdP lives on 127.0.0.1.
  server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

type View = { id: string; state: string; certificates: unknown[]; idp: { entityId: string }; sp: { acsUrl: string; entityId: string } };
type Session = {
  id: string;
  state: string;
  userEmail: string | null;
  requestXml: string;
  responseXml: string;
  profile: Record<string, unknown> | null;
  errorCode: string | null;
  errorExplanation: string | null;
};

async function portalFor(name: string) {
  const organization = await workos.organizations.createOrganization({
    name,
    domainData: [{ domain: `${name.toLowerCase().replace(/\W+/g, "-")}.example.com`, state: "verified" as never }],
  });
  const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
  return { organization, cookie: await portalCookie(link) };
}

/** The portal flow of an IT admin: choose Okta, give the metadata URL, run Test sign-in. */
async function setUpWithTestSignIn(name: string) {
  const { organization, cookie } = await portalFor(name);
  const draft = await trpc<View>(server.url, cookie, "portal.sso.create", { provider: "okta" });
  expect(draft.state).toBe("draft");
  const configured = await trpc<View>(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataUrl: idp.metadataUrl });
  expect(configured.idp.entityId).toBe(idp.entityId);
  expect(configured.certificates).toHaveLength(1);
  const started = await trpc<{ sessionId: string; request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
  const result = await signInThroughIdp(started.request.url, idp);
  return { organization, cookie, connection: configured, started, result };
}

describe("an IT admin sets up SAML from the IdP's metadata URL", () => {
  it("runs Test sign-in through the IdP, shows the profile and activates the connection", async () => {
    const { cookie, connection, started, result } = await setUpWithTestSignIn("Acme Test Sign In");
    expect(idp.requests.at(-1)).toMatchObject({
      signatureVerified: true,
      acsUrl: connection.sp.acsUrl,
      issuer: connection.sp.entityId,
      relayState: started.sessionId,
    });
    expect(result.location).toBe(`${server.url}/portal/sso/sessions/${started.sessionId}`);
    const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: started.sessionId }, "query");
    expect(session).toMatchObject({ state: "successful", userEmail: "ada@acme-sso.example.com", errorCode: null });
    expect(session.profile).toMatchObject({
      email: "ada@acme-sso.example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      groups: ["Engineering", "Admins"],
      connection_type: "OktaSAML",
    });
    expect(session.requestXml).toContain("<samlp:AuthnRequest");
    expect(session.requestXml.split("\n").length).toBeGreaterThan(3);
    expect(session.responseXml).toContain("<saml:Assertion");
    const sessions = await trpc<{ id: string; state: string }[]>(server.url, cookie, "portal.sso.sessions", undefined, "query");
    expect(sessions[0]).toMatchObject({ id: started.sessionId, state: "successful" });
    const after = await trpc<{ connection: View }>(server.url, cookie, "portal.sso.get", undefined, "query");
    expect(after.connection.state).toBe("active");
    const overview = await trpc<{ intents: { intent: string; status: string }[] }>(server.url, cookie, "portal.overview.get", undefined, "query");
    expect(overview.intents).toEqual([expect.objectContaining({ intent: "sso", status: "complete" })]);
  });

  it("logs a failed test sign-in with its code and what to change at the IdP", async () => {
    const { cookie, connection } = await setUpWithTestSignIn("Acme Wrong Audience");
    idp.responseOverrides = { audience: "https://somewhere-else.example.com" };
    try {
      const started = await trpc<{ sessionId: string; request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: connection.id });
      await signInThroughIdp(started.request.url, idp);
      const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: started.sessionId }, "query");
      expect(session).toMatchObject({ state: "failed", errorCode: "audience_mismatch" });
      expect(session.errorExplanation).toContain("SP entity ID");
    } finally {
      idp.responseOverrides = {};
    }
  });

  it("refuses a replayed response at the ACS and logs the attempt", async () => {
    const { cookie, result } = await setUpWithTestSignIn("Acme Replay");
    const replay = await postToAcs(result.acsUrl, result.posted);
    const replayedSession = replay.location.split("/").at(-1)!;
    const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: replayedSession }, "query");
    expect(session).toMatchObject({ state: "failed", errorCode: "request_already_used" });
  });

  it("serves the SP metadata for the IdP and refuses bad metadata naming the problem", async () => {
    const { cookie } = await portalFor("Acme Bad Metadata");
    const draft = await trpc<View>(server.url, cookie, "portal.sso.create", { provider: "custom" });
    const metadata = await fetch(`${server.url}/sso/saml/${draft.id}/metadata`);
    expect(metadata.headers.get("content-type")).toContain("samlmetadata+xml");
    const xml = await metadata.text();
    expect(xml).toContain(`entityID="${draft.sp.entityId}"`);
    expect(xml).toContain(`Location="${draft.sp.acsUrl}"`);
    const notXml = await trpc(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataXml: "this is not xml" }).catch((e: Error) => e.message);
    expect(notXml).toContain("is not XML");
    const spInstead = await trpc(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataXml: xml }).catch((e: Error) => e.message);
    expect(spInstead).toContain("no IDPSSODescriptor");
  });
});

describe("an IdP that takes AuthnRequests only by HTTP-POST", () => {
  it("gets a signed request posted from Portico's own page, in Test sign-in and in the SDK's sign-in", async () => {
    const postIdp = await startTestIdp({ email: "post@acme-sso.example.com" }, { postOnly: true });
    try {
      const { organization, cookie } = await portalFor("Acme Post Binding");
      const draft = await trpc<View & { idp: { binding: string } }>(server.url, cookie, "portal.sso.create", { provider: "keycloak" });
      const configured = await trpc<View & { idp: { binding: string } }>(server.url, cookie, "portal.sso.configure", {
        id: draft.id,
        metadataUrl: postIdp.metadataUrl,
      });
      expect(configured.idp.binding).toBe("post");
      const { sessionId } = await trpc<{ sessionId: string }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
      const begin = `${server.url}/sso/saml/${draft.id}/begin/${sessionId}`;
      const page = await fetch(begin);
      expect(page.headers.get("content-security-policy")).toContain(`form-action ${postIdp.url}`);
      const { location } = await signInThroughIdp(begin, postIdp);
      expect(location).toBe(`${server.url}/portal/sso/sessions/${sessionId}`);
      expect(postIdp.requests.at(-1)).toMatchObject({ signatureVerified: true, relayState: sessionId });
      const session = await trpc<Session>(server.url, cookie, "portal.sso.session", { id: sessionId }, "query");
      expect(session).toMatchObject({ state: "successful", userEmail: "post@acme-sso.example.com" });
      // The attempt is answered: its begin page is gone.
      expect((await fetch(begin)).status).toBe(404);
      const url = workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId });
      const code = new URL((await signInThroughIdp(url, postIdp)).location).searchParams.get("code")!;
      expect((await workos.sso.getProfileAndToken({ code, clientId })).profile.email).toBe("post@acme-sso.example.com");
    } finally {
      await postIdp.close();
    }
  });
});

describe("an integrator signs users in with @workos-inc/node, unchanged", () => {
  it("getAuthorizationUrl → IdP → ACS → code → getProfileAndToken → getProfile", async () => {
    const { organization } = await setUpWithTestSignIn("Acme SDK");
    const url = workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId, state: "opaque-state" });
    const { location } = await signInThroughIdp(url, idp);
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get("state")).toBe("opaque-state");
    const code = back.searchParams.get("code")!;
    const { accessToken, profile } = await workos.sso.getProfileAndToken({ code, clientId });
    expect(profile).toMatchObject({
      email: "ada@acme-sso.example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      organizationId: organization.id,
      connectionType: "OktaSAML",
      groups: ["Engineering", "Admins"],
    });
    expect(await workos.sso.getProfile({ accessToken })).toMatchObject({ email: "ada@acme-sso.example.com", id: profile.id });
    // A code works once.
    await expect(workos.sso.getProfileAndToken({ code, clientId })).rejects.toThrow(/invalid_grant|already used/);
  });

  it("checks PKCE when the authorization carried a code challenge", async () => {
    const { organization } = await setUpWithTestSignIn("Acme PKCE");
    const { url, codeVerifier } = await workos.sso.getAuthorizationUrlWithPKCE({ organization: organization.id, redirectUri: CALLBACK, clientId });
    const first = new URL((await signInThroughIdp(url, idp)).location).searchParams.get("code")!;
    const wrong = await fetch(`${server.url}/sso/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: clientId, grant_type: "authorization_code", code: first, code_verifier: "x".repeat(43) }),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });
    const second = new URL((await signInThroughIdp(url, idp)).location).searchParams.get("code")!;
    const publicClient = new WorkOS({ clientId, apiHostname: "localhost", port: server.port, https: false } as never);
    const { profile } = await publicClient.sso.getProfileAndToken({ code: second, clientId, codeVerifier });
    expect(profile.email).toBe("ada@acme-sso.example.com");
  });

  it("finds the organization by domain, and refuses a redirect_uri off the allowlist without redirecting", async () => {
    const { organization } = await setUpWithTestSignIn("Acme Domain");
    const domain = organization.domains[0]!.domain;
    const byDomain = `${server.url}/sso/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: CALLBACK, response_type: "code", domain })}`;
    expect(new URL((await signInThroughIdp(byDomain, idp)).location).searchParams.get("code")).toBeTruthy();
    const open = await fetch(
      `${server.url}/sso/authorize?${new URLSearchParams({ client_id: clientId, redirect_uri: "https://evil.example.net/cb", response_type: "code", organization: organization.id })}`,
      { redirect: "manual" },
    );
    expect(open.status).toBe(422);
    expect(open.headers.get("location")).toBeNull();
    expect(await open.json()).toMatchObject({ errors: [{ field: "redirect_uri", code: "redirect_uri_not_allowed" }] });
    const wrongClient = await fetch(
      `${server.url}/sso/authorize?${new URLSearchParams({ client_id: "client_nope", redirect_uri: CALLBACK, response_type: "code", organization: organization.id })}`,
      { redirect: "manual" },
    );
    expect(wrongClient.status).toBe(422);
  });

  it("refuses /sso/token with a wrong API key and /sso/profile with a wrong access token", async () => {
    for (const path of ["/sso/profile", "/sso/authorize", "/sso/saml/conn_missing/metadata", "/sso/oidc/conn_missing/callback"]) {
      const reply = await fetch(`${server.url}${path}`, { redirect: "manual", headers: { "X-Request-ID": "app-trace-0002" } });
      expect(reply.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(reply.headers.get("x-request-id"), path).toMatch(/^[\w.:-]{8,}$/);
      expect(reply.headers.get("x-frame-options"), path).toBe("DENY");
    }
    const acs = await fetch(`${server.url}/sso/saml/conn_missing/acs`, {
      method: "POST",
      headers: { "X-Request-ID": "app-trace-0003" },
      body: new URLSearchParams({ SAMLResponse: "x" }),
    });
    expect(acs.status).toBe(404);
    expect(acs.headers.get("x-request-id")).toBe("app-trace-0003");
    expect(acs.headers.get("content-type")).toMatch(/^text\/html/);
    const token = await fetch(`${server.url}/sso/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ client_id: clientId, client_secret: "sk_wrong", grant_type: "authorization_code", code: "x" }),
    });
    expect(token.status).toBe(401);
    expect(await token.json()).toMatchObject({ error: "invalid_client" });
    const profile = await fetch(`${server.url}/sso/profile`, { headers: { Authorization: `Bearer ${"x".repeat(43)}`, "X-Request-ID": "app-trace-0001" } });
    expect(profile.status).toBe(401);
    // Both keep the app's request id (and give one when it sent none), and their own strict policy.
    expect(profile.headers.get("x-request-id")).toBe("app-trace-0001");
    expect(token.headers.get("x-request-id")).toMatch(/^[\w.:-]{8,}$/);
    for (const reply of [token, profile]) {
      expect(reply.headers.get("content-security-policy")).toContain("form-action 'none'");
      expect(reply.headers.get("cache-control")).toBe("no-store");
      expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("connections through the REST API", () => {
  it("lists, gets and deletes connections with the SDK; 404 for unknown ids", async () => {
    const { organization, connection } = await setUpWithTestSignIn("Acme REST");
    const list = await workos.sso.listConnections({ organizationId: organization.id });
    expect(list.data).toEqual([expect.objectContaining({ id: connection.id, state: "active", type: "OktaSAML", organizationId: organization.id })]);
    const fetched = await workos.sso.getConnection(connection.id);
    expect(fetched.domains.map((d) => d.domain)).toEqual([organization.domains[0]!.domain]);
    await workos.sso.deleteConnection(connection.id);
    await expect(workos.sso.getConnection(connection.id)).rejects.toBeInstanceOf(NotFoundException);
    const log = await workos.events.listEvents({ events: ["connection.activated", "connection.deleted"], organizationId: organization.id });
    expect(log.data.map((e) => e.event)).toEqual(["connection.activated", "connection.deleted"]);
    expect(log.data[1]!.data).toMatchObject({ id: connection.id });
  });

  it("creates and updates a connection by POST/PUT /connections (Portico extension), the portal's way", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Acme Automation" });
    const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
    const created = await fetch(`${server.url}/connections`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        organization_id: organization.id,
        connection_type: "AzureSAML",
        metadata_xml: idpMetadataXml({
          entityId: "https://sts.windows.example/tenant",
          ssoUrl: "https://login.example.net/saml2",
          certificates: [idp.key.certificate],
        }),
      }),
    });
    expect(created.status).toBe(201);
    const body = (await created.json()) as {
      id: string;
      state: string;
      connection_type: string;
      saml: { idp_entity_id: string; acs_url: string; attribute_mapping: { email: string } };
    };
    // Configured through the API in one call: usable without a Test sign-in.
    expect(body).toMatchObject({
      object: "connection",
      state: "active",
      connection_type: "AzureSAML",
      saml: { idp_entity_id: "https://sts.windows.example/tenant" },
    });
    expect(body.saml.attribute_mapping.email).toContain("emailaddress");
    const manual = await fetch(`${server.url}/connections/${body.id}`, {
      method: "PUT",
      headers,
      body: JSON.stringify({
        idp_entity_id: "https://idp.example.org/entity",
        sso_url: "https://idp.example.org/sso",
        x509_certificates: [idp.key.certificate],
      }),
    });
    expect(manual.status).toBe(200);
    expect(await manual.json()).toMatchObject({ saml: { idp_entity_id: "https://idp.example.org/entity", idp_sso_url: "https://idp.example.org/sso" } });
    const bad = await fetch(`${server.url}/connections`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        organization_id: organization.id,
        idp_entity_id: "x",
        sso_url: "https://idp.example.org/sso",
        x509_certificates: ["not a certificate"],
      }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ field: "x509_certificates.0", code: "x509_certificates_invalid" }] });
  });
});
