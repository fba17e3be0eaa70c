import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { followOidcSignIn, startOidcIdp, type OidcTestIdp } from "../support/oidc-idp";
import { startJoseIdp } from "../support/oidc-jose-idp";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";

/**
 * OIDC connections end to end: a real OpenID Provider (`oidc-provider`) and a hand-written one that
 * signs broken ID tokens on purpose, both on loopback; the integrator's `@workos-inc/node` calls unchanged.
 */
const CALLBACK = "https://app.example.com/sso/callback";
let idp: OidcTestIdp;
let joseIdp: Awaited<ReturnType<typeof startJoseIdp>>;
let server: RunningServer;
let workos: WorkOS;
let apiKey: string;
let clientId: string;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "oidc"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  server = await startServer({ database, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
  idp = await startOidcIdp({
    redirectPrefix: `${server.url}/sso/oidc/`,
    users: [{ sub: "ada-42", email: "Ada@Acme-OIDC.example.com", given_name: "Ada", family_name: "Lovelace", groups: ["Engineering"] }],
  });
  joseIdp = await startJoseIdp({ sub: "grace-7", email: "grace@acme-oidc.example.com", given_name: "Grace", family_name: "Hopper" });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await idp?.close();
  await joseIdp?.close();
});

const headers = () => ({ Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" });

async function createOidcConnection(name: string, body: Record<string, unknown>) {
  const organization = await workos.organizations.createOrganization({
    name,
    domainData: [{ domain: `${name.toLowerCase().replace(/\W+/g, "-")}.example.com`, state: "verified" as never }],
  });
  const response = await fetch(`${server.url}/connections`, {
    method: "POST",
    headers: headers(),
    body: JSON.stringify({ organization_id: organization.id, ...body }),
  });
  const text = await response.text();
  expect(response.status, text).toBe(201);
  return {
    organization,
    connection: JSON.parse(text) as { id: string; state: string; oidc_redirect_uri: string; oidc: Record<string, unknown> } & Record<string, unknown>,
    raw: text,
  };
}

/** Browser-less sign-in: authorize URL → IdP → Portico's callback → the app's callback URL. */
async function signIn(authorizeUrl: string, login = "ada-42") {
  const callbackAt = await followOidcSignIn(authorizeUrl, login, "/sso/oidc/");
  const answer = await fetch(callbackAt, { redirect: "manual" });
  const location = answer.headers.get("location") ?? "";
  return { status: answer.status, location: location ? new URL(location) : null, body: location ? "" : await answer.text() };
}

describe("an OIDC connection made through POST /connections", () => {
  it("is active at once, shows the redirect URI to register and never returns the client secret", async () => {
    const { connection, raw } = await createOidcConnection("Acme OIDC Create", {
      connection_type: "GenericOIDC",
      oidc_discovery_endpoint: idp.discoveryUrl,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
    });
    expect(connection).toMatchObject({
      object: "connection",
      connection_type: "GenericOIDC",
      state: "active",
      oidc: { discovery_endpoint: idp.discoveryUrl, client_id: idp.clientId, client_secret_set: true },
    });
    expect(connection.oidc_redirect_uri).toMatch(new RegExp(`/sso/oidc/${connection.id}/callback$`));
    expect(raw).not.toContain(idp.clientSecret);
    const fetched = await fetch(`${server.url}/connections/${connection.id}`, { headers: headers() });
    expect(await fetched.text()).not.toContain(idp.clientSecret);
  });

  it("names the discovery URL when the IdP cannot be reached or the client secret is missing", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Acme OIDC Bad" });
    const unreachable = await fetch(`${server.url}/connections`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({
        organization_id: organization.id,
        connection_type: "OktaOIDC",
        oidc_discovery_endpoint: "http://127.0.0.1:9/.well-known/openid-configuration",
        oidc_client_id: "x",
        oidc_client_secret: "y",
      }),
    });
    expect(unreachable.status).toBe(422);
    expect(await unreachable.json()).toMatchObject({ errors: [{ field: "oidc_discovery_endpoint", code: "oidc_discovery_endpoint_unreachable" }] });
    const noSecret = await fetch(`${server.url}/connections`, {
      method: "POST",
      headers: headers(),
      body: JSON.stringify({
        organization_id: organization.id,
        connection_type: "GenericOIDC",
        oidc_discovery_endpoint: idp.discoveryUrl,
        oidc_client_id: "x",
      }),
    });
    expect(noSecret.status).toBe(422);
    expect(await noSecret.json()).toMatchObject({ errors: [{ field: "oidc_client_secret", code: "oidc_client_secret_required" }] });
  });
});

describe("sign-in through the SDK's sso module", () => {
  it("getAuthorizationUrl → oidc-provider → callback → getProfileAndToken, with login_hint, state, nonce and PKCE at the IdP", async () => {
    const { organization, connection } = await createOidcConnection("Acme OIDC Flow", {
      connection_type: "OktaOIDC",
      oidc_discovery_endpoint: idp.discoveryUrl,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
    });
    const url = workos.sso.getAuthorizationUrl({
      organization: organization.id,
      redirectUri: CALLBACK,
      clientId,
      state: "app-state",
      loginHint: "ada@acme-oidc.example.com",
    });
    const result = await signIn(url);
    expect(result.location?.origin + (result.location?.pathname ?? ""), result.body).toBe(CALLBACK);
    expect(result.location?.searchParams.get("state")).toBe("app-state");
    const sent = idp.authorizations.at(-1)!;
    expect(sent).toMatchObject({
      client_id: idp.clientId,
      login_hint: "ada@acme-oidc.example.com",
      code_challenge_method: "S256",
      redirect_uri: connection.oidc_redirect_uri,
      response_type: "code",
    });
    expect(sent.state?.length).toBeGreaterThan(20);
    expect(sent.nonce?.length).toBeGreaterThan(20);
    const { profile, accessToken } = await workos.sso.getProfileAndToken({ code: result.location!.searchParams.get("code")!, clientId });
    expect(profile).toMatchObject({
      idpId: "ada-42",
      email: "ada@acme-oidc.example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      connectionId: connection.id,
      connectionType: "OktaOIDC",
      organizationId: organization.id,
    });
    expect((await workos.sso.getProfile({ accessToken })).email).toBe("ada@acme-oidc.example.com");
  });

  it("getAuthorizationUrlWithPKCE: the code is exchanged with the verifier alone, and a wrong verifier is refused", async () => {
    const { connection } = await createOidcConnection("Acme OIDC PKCE", {
      connection_type: "GenericOIDC",
      oidc_discovery_endpoint: idp.discoveryUrl,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
    });
    const first = await workos.sso.getAuthorizationUrlWithPKCE({ connection: connection.id, redirectUri: CALLBACK, clientId });
    const firstResult = await signIn(first.url);
    const wrong = await fetch(`${server.url}/sso/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: clientId,
        grant_type: "authorization_code",
        code: firstResult.location!.searchParams.get("code")!,
        code_verifier: "x".repeat(43),
      }).toString(),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: "invalid_grant" });
    const second = await workos.sso.getAuthorizationUrlWithPKCE({ connection: connection.id, redirectUri: CALLBACK, clientId });
    const secondResult = await signIn(second.url);
    const publicClient = new WorkOS({ clientId, apiHostname: "localhost", port: server.port, https: false } as never);
    const { profile } = await publicClient.sso.getProfileAndToken({
      code: secondResult.location!.searchParams.get("code")!,
      clientId,
      codeVerifier: second.codeVerifier,
    });
    expect(profile.email).toBe("ada@acme-oidc.example.com");
  });

  it("domainHint picks the organization by its verified domain; an unknown connection comes back as connection_invalid, two selectors as ambiguous_connection_selector", async () => {
    const { organization } = await createOidcConnection("Acme OIDC Domain", {
      connection_type: "EntraIdOIDC",
      oidc_discovery_endpoint: idp.discoveryUrl,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
    });
    const url = new URL(workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId }));
    url.searchParams.delete("organization");
    url.searchParams.set("domain_hint", "acme-oidc-domain.example.com");
    const result = await signIn(url.toString());
    expect(result.location?.searchParams.get("code")).toBeTruthy();
    const unknown = await fetch(workos.sso.getAuthorizationUrl({ connection: "conn_unknown", redirectUri: CALLBACK, clientId, state: "s1" }), {
      redirect: "manual",
    });
    const back = new URL(unknown.headers.get("location")!);
    expect(back.searchParams.get("error")).toBe("connection_invalid");
    expect(back.searchParams.get("state")).toBe("s1");
    const both = new URL(workos.sso.getAuthorizationUrl({ organization: organization.id, redirectUri: CALLBACK, clientId, state: "s2" }));
    both.searchParams.set("connection", "conn_other");
    const ambiguous = new URL((await fetch(both, { redirect: "manual" })).headers.get("location")!);
    expect(ambiguous.searchParams.get("error")).toBe("ambiguous_connection_selector");
  });
});

describe("authorize parameters passed to the IdP", () => {
  it("prompt=login and provider_scopes reach the IdP's authorization request", async () => {
    const { connection } = await createOidcConnection("Acme OIDC Prompt", {
      connection_type: "GenericOIDC",
      oidc_discovery_endpoint: idp.discoveryUrl,
      oidc_client_id: idp.clientId,
      oidc_client_secret: idp.clientSecret,
    });
    const url = new URL(workos.sso.getAuthorizationUrl({ connection: connection.id, redirectUri: CALLBACK, clientId }));
    url.searchParams.set("prompt", "login");
    url.searchParams.append("provider_scopes", "groups");
    url.searchParams.append("provider_scopes", "offline_access");
    const result = await signIn(url.toString());
    expect(result.location?.searchParams.get("code")).toBeTruthy();
    const sent = idp.authorizations.at(-1)!;
    expect(sent.prompt).toBe("login");
    expect(sent.scope?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups", "offline_access"]));
  });
});

/** A GenericOIDC connection at one of the hand-built (jose) test IdPs. */
async function joseConnection(name: string, idp: { discoveryUrl: string }): Promise<string> {
  const { connection } = await createOidcConnection(name, {
    connection_type: "GenericOIDC",
    oidc_discovery_endpoint: idp.discoveryUrl,
    oidc_client_id: "portico-client",
    oidc_client_secret: "jose-secret",
  });
  return connection.id;
}

describe("ID tokens that must be refused, each with its explanation", () => {
  let connectionId: string;
  beforeAll(async () => {
    connectionId = await joseConnection("Acme OIDC Tokens", joseIdp);
  });

  async function attempt() {
    const result = await signIn(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: CALLBACK, clientId, state: "t" }));
    return {
      code: result.location?.searchParams.get("code") ?? null,
      error: result.location?.searchParams.get("error") ?? null,
      description: result.location?.searchParams.get("error_description") ?? "",
    };
  }

  it("signs in with a good token", async () => {
    joseIdp.setMode({});
    const { code } = await attempt();
    const { profile } = await workos.sso.getProfileAndToken({ code: code!, clientId });
    expect(profile).toMatchObject({ idpId: "grace-7", email: "grace@acme-oidc.example.com" });
  });

  it.each([
    ["with a token issued for another client (aud)", { audience: "someone-else" }, "id_token_audience_invalid"],
    ["with a token expired beyond the 180 s skew", { expiresIn: -600 }, "id_token_expired"],
    ["with an unsigned token (alg: none)", { unsigned: true }, "id_token_unsigned"],
    ["with a token carrying another sign-in's nonce", { wrongNonce: true }, "nonce_mismatch"],
    ["with a token signed by a key the JWKS does not publish", { unpublishedKey: true }, "id_token_key_unknown"],
    ["with a token for an address the IdP marks unverified", { claims: { email_verified: false } }, "email_unverified"],
    ["with a token without an email claim", { claims: { email: undefined } }, "email_missing"],
    [
      "when the IdP refuses the client secret (expired)",
      { tokenError: { status: 401, error: "invalid_client", error_description: "client secret expired" } },
      "client_secret_invalid",
    ],
    [
      "when the IdP does not accept the redirect URI",
      { tokenError: { status: 400, error: "invalid_grant", error_description: "redirect_uri does not match" } },
      "redirect_uri_mismatch",
    ],
  ])("refuses a sign-in %s", async (_label, mode, expected) => {
    joseIdp.setMode(mode);
    const { code, error, description } = await attempt();
    expect(code).toBeNull();
    expect(error).toBe("access_denied");
    expect(description.startsWith(`${expected}: `), description).toBe(true);
  });

  it("accepts a token 100 s past exp (within the 180 s skew)", async () => {
    joseIdp.setMode({ expiresIn: -100 });
    expect((await attempt()).code).toBeTruthy();
  });

  it("follows the IdP's key rotation: the next sign-in verifies with the newly published key", async () => {
    joseIdp.setMode({});
    expect((await attempt()).code).toBeTruthy();
    await joseIdp.rotateKey();
    expect((await attempt()).code).toBeTruthy();
  });
});

describe("the IdP's keys (JWKS)", () => {
  let keyIdp: Awaited<ReturnType<typeof startJoseIdp>>;
  let connectionId: string;
  beforeAll(async () => {
    // An IdP of its own, so no other test has read its JWKS.
    keyIdp = await startJoseIdp({ sub: "lin-3", email: "lin@acme-keys.example.com" });
    connectionId = await joseConnection("Acme OIDC Keys", keyIdp);
  });
  afterAll(async () => {
    await keyIdp?.close();
  });

  async function attempt() {
    const result = await signIn(workos.sso.getAuthorizationUrl({ connection: connectionId, redirectUri: CALLBACK, clientId, state: "k" }));
    return { code: result.location?.searchParams.get("code") ?? null, description: result.location?.searchParams.get("error_description") ?? "" };
  }

  it("are read once for successive sign-ins, once more when the IdP rotates to a new kid, and once more for a token no published key signed", async () => {
    expect((await attempt()).code).toBeTruthy();
    expect((await attempt()).code).toBeTruthy();
    expect(keyIdp.jwksRequests).toBe(1);

    // The new key is published seconds after Portico read the old set: the first sign-in signed with it succeeds.
    await keyIdp.rotateKey();
    expect((await attempt()).code).toBeTruthy();
    expect(keyIdp.jwksRequests).toBe(2);
    expect((await attempt()).code).toBeTruthy();
    expect(keyIdp.jwksRequests).toBe(2);

    // A token signed by a key the IdP does not publish: one more read, then refused with the explanation.
    keyIdp.setMode({ unpublishedKey: true });
    const forged = await attempt();
    expect(forged.code).toBeNull();
    expect(forged.description.startsWith("id_token_key_unknown: "), forged.description).toBe(true);
    expect(forged.description).toContain("even after fetching the keys again");
    expect(keyIdp.jwksRequests).toBe(3);

    keyIdp.setMode({});
    const { code } = await attempt();
    const { profile } = await workos.sso.getProfileAndToken({ code: code!, clientId });
    expect(profile).toMatchObject({ idpId: "lin-3", email: "lin@acme-keys.example.com" });
    expect(keyIdp.jwksRequests).toBe(3);
  });
});

describe("authentication events of an OIDC sign-in", () => {
  it("records sso_started for each attempt, then sso_succeeded or sso_failed with the reason, as a SAML sign-in does", async () => {
    const { organization, connection } = await createOidcConnection("Acme OIDC Events", {
      connection_type: "GenericOIDC",
      oidc_discovery_endpoint: joseIdp.discoveryUrl,
      oidc_client_id: "portico-client",
      oidc_client_secret: "jose-secret",
    });
    const attempt = async () =>
      (await signIn(workos.sso.getAuthorizationUrl({ connection: connection.id, redirectUri: CALLBACK, clientId, state: "e" }))).location;
    joseIdp.setMode({});
    expect((await attempt())?.searchParams.get("code")).toBeTruthy();
    joseIdp.setMode({ wrongNonce: true });
    expect((await attempt())?.searchParams.get("error")).toBe("access_denied");
    joseIdp.setMode({});

    const names = ["authentication.sso_started", "authentication.sso_succeeded", "authentication.sso_failed"];
    const response = await fetch(`${server.url}/events?events=${names.join(",")}&organization_id=${organization.id}&limit=100`, { headers: headers() });
    expect(response.status).toBe(200);
    type SsoEvent = {
      event: string;
      data: {
        type: string;
        status: string;
        email: string | null;
        user_id: string | null;
        sso: { connection_id: string; session_id: string };
        error?: { code: string };
      };
    };
    const events = ((await response.json()) as { data: SsoEvent[] }).data;
    const started = events.filter((e) => e.event === "authentication.sso_started");
    expect(started).toHaveLength(2);
    for (const e of started) expect(e.data).toMatchObject({ type: "sso", status: "started", sso: { connection_id: connection.id } });
    const sessions = new Set(started.map((e) => e.data.sso.session_id));
    expect(sessions.size).toBe(2);
    const succeeded = events.filter((e) => e.event === "authentication.sso_succeeded");
    expect(succeeded).toHaveLength(1);
    expect(succeeded[0]!.data).toMatchObject({ status: "succeeded", email: "grace@acme-oidc.example.com", sso: { connection_id: connection.id } });
    expect(succeeded[0]!.data.user_id).toBeTruthy();
    const failed = events.filter((e) => e.event === "authentication.sso_failed");
    expect(failed).toHaveLength(1);
    expect(failed[0]!.data).toMatchObject({ status: "failed", error: { code: "nonce_mismatch" } });
    // Each outcome closes one of the attempts that started.
    expect(new Set([succeeded[0]!.data.sso.session_id, failed[0]!.data.sso.session_id])).toEqual(sessions);
  });
});

describe("outgoing calls to the IdP", () => {
  // A fresh database migrated by the CLI and a second server: both can take most of a minute on a busy machine.
  it("refuse loopback and private addresses unless OUTBOUND_ALLOW_PRIVATE_ADDRESSES is on", { timeout: 180_000 }, async () => {
    const database = await freshDatabaseEnv();
    const key = runCli(["create-api-key", "--name", "strict"], database.env).stdout.trim();
    const strict = await startServer({ database });
    try {
      const sdk = new WorkOS(key, { apiHostname: "localhost", port: strict.port, https: false });
      const organization = await sdk.organizations.createOrganization({ name: "Acme OIDC Strict" });
      const response = await fetch(`${strict.url}/connections`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        // https, so the URL itself passes: the address is what must be refused.
        body: JSON.stringify({
          organization_id: organization.id,
          connection_type: "GenericOIDC",
          oidc_discovery_endpoint: idp.discoveryUrl.replace("http:", "https:"),
          oidc_client_id: idp.clientId,
          oidc_client_secret: idp.clientSecret,
        }),
      });
      expect(response.status).toBe(422);
      const body = (await response.json()) as { errors: { field: string; code: string; message: string }[] };
      expect(body.errors[0]).toMatchObject({ field: "oidc_discovery_endpoint", code: "oidc_discovery_endpoint_unreachable" });
      expect(body.errors[0]!.message).toContain("private or loopback address");
    } finally {
      await strict.stop();
    }
  });
});
