import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS, type AuthenticationOAuthFailedEvent, type AuthenticationOAuthSucceededEvent } from "@workos-inc/node";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { followOidcSignIn, startOidcIdp, type OidcTestIdp } from "../support/oidc-idp";
import { freePort, freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { seedDatabase } from "../support/sso-flow";
import { bootstrapOwner, bootstrapOwnerEnv } from "../support/staff-browser";
import { signInOrThrow, trpc } from "../support/staff-http";

/**
 * `provider=GoogleOAuth|MicrosoftOAuth` through the SDK: two real OpenID Providers on loopback stand in
 * for Google (fixed issuer) and Microsoft's `common` endpoint (issuer `.../{tenantid}/v2.0`, a `tid` per token).
 */
const CALLBACK = "https://app.example.com/sso/callback";
const TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const OTHER_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
let google: OidcTestIdp;
let microsoft: OidcTestIdp;
let server: RunningServer;
let workos: WorkOS;
let clientId: string;
let cookie: string;

type ProviderView = { provider: string; connectionId: string; redirectUri: string; clientId: string | null; clientSecretHint: string | null; enabled: boolean };

beforeAll(async () => {
  const port = await freePort();
  const redirectPrefix = `http://localhost:${port}/sso/oidc/`;
  google = await startOidcIdp({
    redirectPrefix,
    claimsInIdToken: true,
    users: [
      { sub: "g-ada", email: "ada@acme-workspace.example.com", hd: "acme-workspace.example.com", given_name: "Ada", family_name: "Lovelace" },
      { sub: "g-bob", email: "bob@acme-workspace.example.com", given_name: "Bob", family_name: "Consumer" },
    ],
  });
  microsoft = await startOidcIdp({
    redirectPrefix,
    tenant: TENANT,
    claimsInIdToken: true,
    users: [
      { sub: "m-mia", email: "mia@contoso.example.com", tid: TENANT, xms_edov: true, given_name: "Mia", family_name: "Contoso" },
      { sub: "m-eve", email: "eve@contoso.example.com", tid: OTHER_TENANT, given_name: "Eve", family_name: "Other" },
      { sub: "m-mal", email: "ceo@acme-workspace.example.com", tid: TENANT, given_name: "Mallory", family_name: "Claims" },
    ],
  });
  const database = await freshDatabaseEnv();
  clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "oauth"], database.env);
  expect(created.status, created.stderr).toBe(0);
  server = await startServer({
    database,
    port,
    env: {
      ...bootstrapOwnerEnv,
      OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true",
      PORTICO_GOOGLE_OAUTH_DISCOVERY_URL: google.discoveryUrl,
      PORTICO_MICROSOFT_OAUTH_DISCOVERY_URL: microsoft.discoveryUrl,
    },
  });
  workos = new WorkOS(created.stdout.trim(), { apiHostname: "localhost", port: server.port, https: false });
  cookie = await signInOrThrow(server.url, bootstrapOwner);
});
afterAll(async () => {
  await server?.stop();
  await google?.close();
  await microsoft?.close();
});

const configure = (input: Record<string, unknown>) => trpc(server.url, cookie, "settings.updateOAuthProvider", input, "mutation");

async function providers(): Promise<ProviderView[]> {
  const answer = await trpc(server.url, cookie, "settings.oauthProviders");
  expect(answer.status).toBe(200);
  return answer.data as ProviderView[];
}

async function errorOf(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  expect([302, 303]).toContain(response.status);
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
  return { error: back.searchParams.get("error"), description: back.searchParams.get("error_description"), state: back.searchParams.get("state") };
}

/** The browser of one sign-in, named so its event can be told apart. */
const browserOf = (login: string, round: number) => `Mozilla/5.0 (portico-test; ${login} #${round})`;
let rounds = 0;

/** authorize → the provider's login → Portico's callback → the app's callback URL. */
async function signIn(provider: "GoogleOAuth" | "MicrosoftOAuth", login: string) {
  const url = workos.sso.getAuthorizationUrl({ provider, redirectUri: CALLBACK, clientId, state: `st-${login}` });
  const callbackAt = await followOidcSignIn(url, login, "/sso/oidc/");
  const userAgent = browserOf(login, ++rounds);
  const answer = await fetch(callbackAt, { redirect: "manual", headers: { "user-agent": userAgent } });
  const location = new URL(answer.headers.get("location") ?? "about:blank");
  expect(`${location.origin}${location.pathname}`, await answer.text()).toBe(CALLBACK);
  expect(location.searchParams.get("state")).toBe(`st-${login}`);
  return Object.assign(location, { userAgent });
}

/** `authentication.oauth_*` as `GET /events` lists them through the SDK, optionally for one organization. */
async function oauthEvents(organizationId?: string) {
  const listed: (AuthenticationOAuthSucceededEvent | AuthenticationOAuthFailedEvent)[] = [];
  let after: string | undefined;
  do {
    const page = await workos.events.listEvents({
      events: ["authentication.oauth_succeeded", "authentication.oauth_failed"],
      organizationId,
      limit: 100,
      after,
    });
    for (const event of page.data) {
      if (event.event !== "authentication.oauth_succeeded" && event.event !== "authentication.oauth_failed") throw new Error(`listed ${event.event}`);
      listed.push(event);
    }
    after = page.listMetadata.after ?? undefined;
  } while (after);
  return listed;
}

/** The events of the sign-in whose callback came from this browser. */
async function eventsOf(userAgent: string, organizationId?: string) {
  return (await oauthEvents(organizationId)).filter((e) => e.data.userAgent === userAgent);
}

const loopback = /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/;

describe("an OAuth provider staff have not configured", () => {
  it("answers connection_strategy_invalid, as before, for Google and Microsoft", async () => {
    for (const provider of ["GoogleOAuth", "MicrosoftOAuth"] as const) {
      const answer = await errorOf(workos.sso.getAuthorizationUrl({ provider, redirectUri: CALLBACK, clientId, state: "s0" }));
      expect(answer).toEqual({
        error: "connection_strategy_invalid",
        description: `The provider '${provider}' is not configured for this installation.`,
        state: "s0",
      });
    }
  });

  it("refuses to enable a provider without a client id and secret, naming both", async () => {
    const refused = await configure({ provider: "GoogleOAuth", enabled: true });
    expect(refused.status).toBe(400);
    const listed = await providers();
    expect(listed.map((p) => p.provider)).toEqual(["GoogleOAuth", "MicrosoftOAuth"]);
    expect(listed[0]).toMatchObject({ enabled: false, clientId: null, clientSecretHint: null });
    expect(listed[0]!.redirectUri).toBe(`${server.url}/sso/oidc/${listed[0]!.connectionId}/callback`);
  });
});

describe("the dashboard's Sign-in providers page", () => {
  it("renders for staff and sends a visitor without a session to sign in", async () => {
    const page = await fetch(`${server.url}/dashboard/sign-in-providers`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Sign-in providers");
    const anonymous = await fetch(`${server.url}/dashboard/sign-in-providers`, { redirect: "manual" });
    expect([302, 303, 307]).toContain(anonymous.status);
  });
});

describe("Google sign-in (provider=GoogleOAuth)", () => {
  it("is configured in the dashboard with the secret shown only as its last four characters", async () => {
    const saved = await configure({ provider: "GoogleOAuth", clientId: google.clientId, clientSecret: google.clientSecret, enabled: true });
    expect(saved.status).toBe(200);
    expect(saved.data).toMatchObject({
      provider: "GoogleOAuth",
      clientId: google.clientId,
      clientSecretHint: `••••${google.clientSecret.slice(-4)}`,
      enabled: true,
    });
    expect(JSON.stringify(await providers())).not.toContain(google.clientSecret);
  });

  it("signs in through getAuthorizationUrl and getProfileAndToken with PKCE, state and nonce at the provider; no organization for a consumer account", async () => {
    const back = await signIn("GoogleOAuth", "g-bob");
    const sent = google.authorizations.at(-1)!;
    expect(sent).toMatchObject({ code_challenge_method: "S256", response_type: "code" });
    expect(sent.nonce).toBeTruthy();
    expect(sent.state).toBeTruthy();
    const { profile, accessToken } = await workos.sso.getProfileAndToken({ code: back.searchParams.get("code")!, clientId });
    const googleConnection = (await providers())[0]!.connectionId;
    expect(profile).toEqual({
      id: expect.stringMatching(/^prof_/),
      idpId: "g-bob",
      connectionId: googleConnection,
      connectionType: "GoogleOAuth",
      email: "bob@acme-workspace.example.com",
      firstName: "Bob",
      lastName: "Consumer",
      customAttributes: {},
      rawAttributes: expect.objectContaining({ sub: "g-bob", email: "bob@acme-workspace.example.com" }),
    });
    expect("organizationId" in profile).toBe(false);
    expect(await workos.sso.getProfile({ accessToken })).toMatchObject({ email: "bob@acme-workspace.example.com", connectionType: "GoogleOAuth" });
  });

  it("names the organization whose verified domain is a Workspace account's hosted domain", async () => {
    const organization = await workos.organizations.createOrganization({
      name: "Acme Workspace",
      domainData: [{ domain: "acme-workspace.example.com", state: "verified" as never }],
    });
    const back = await signIn("GoogleOAuth", "g-ada");
    const { profile } = await workos.sso.getProfileAndToken({ code: back.searchParams.get("code")!, clientId });
    expect(profile).toMatchObject({ organizationId: organization.id, email: "ada@acme-workspace.example.com", connectionType: "GoogleOAuth" });
    // The same domain without the Workspace's `hd` claim (a consumer account using that address) names none.
    const consumer = await signIn("GoogleOAuth", "g-bob");
    expect((await workos.sso.getProfileAndToken({ code: consumer.searchParams.get("code")!, clientId })).profile.organizationId).toBeUndefined();

    // One authentication.oauth_succeeded each, as the SDK types it; listed under the organization only when the profile names it.
    const [succeeded, ...more] = await eventsOf(back.userAgent, organization.id);
    expect(more).toEqual([]);
    expect(succeeded).toMatchObject({ event: "authentication.oauth_succeeded" });
    expect(succeeded!.data).toEqual({
      type: "oauth",
      status: "succeeded",
      email: "ada@acme-workspace.example.com",
      userId: profile.id,
      ipAddress: expect.stringMatching(loopback),
      userAgent: back.userAgent,
    });
    expect(await eventsOf(consumer.userAgent, organization.id)).toEqual([]);
    const consumerEvents = await eventsOf(consumer.userAgent);
    expect(consumerEvents.map((e) => [e.event, e.data.email])).toEqual([["authentication.oauth_succeeded", "bob@acme-workspace.example.com"]]);
  });

  it("answers the documented error again once disabled, and keeps the client for later", async () => {
    expect((await configure({ provider: "GoogleOAuth", enabled: false })).status).toBe(200);
    const answer = await errorOf(workos.sso.getAuthorizationUrl({ provider: "GoogleOAuth", redirectUri: CALLBACK, clientId, state: "s1" }));
    expect(answer).toEqual({
      error: "connection_strategy_invalid",
      description: "The provider 'GoogleOAuth' is not configured for this installation.",
      state: "s1",
    });
    expect((await providers())[0]).toMatchObject({ enabled: false, clientId: google.clientId, clientSecretHint: `••••${google.clientSecret.slice(-4)}` });
    expect((await configure({ provider: "GoogleOAuth", enabled: true })).status).toBe(200);
  });

  it("refuses a sign-in that comes back after staff disabled the provider, and records it as failed", async () => {
    const url = workos.sso.getAuthorizationUrl({ provider: "GoogleOAuth", redirectUri: CALLBACK, clientId, state: "late" });
    const callbackAt = await followOidcSignIn(url, "g-ada", "/sso/oidc/");
    expect((await configure({ provider: "GoogleOAuth", enabled: false })).status).toBe(200);
    try {
      const userAgent = browserOf("g-ada-late", ++rounds);
      const answer = await fetch(callbackAt, { redirect: "manual", headers: { "user-agent": userAgent } });
      const back = new URL(answer.headers.get("location") ?? "about:blank");
      expect(back.searchParams.get("code")).toBeNull();
      expect(back.searchParams.get("error")).toBe("access_denied");
      expect(back.searchParams.get("error_description")).toMatch(/^connection_inactive:/);
      const events = await eventsOf(userAgent);
      expect(events.map((e) => [e.event, e.data.error?.code])).toEqual([["authentication.oauth_failed", "connection_inactive"]]);
    } finally {
      expect((await configure({ provider: "GoogleOAuth", enabled: true })).status).toBe(200);
    }
  });
});

describe("Microsoft sign-in (provider=MicrosoftOAuth), multi-tenant", () => {
  it("accepts a token whose issuer is the template filled with its own tid", async () => {
    expect((await configure({ provider: "MicrosoftOAuth", clientId: microsoft.clientId, clientSecret: microsoft.clientSecret, enabled: true })).status).toBe(
      200,
    );
    const back = await signIn("MicrosoftOAuth", "m-mia");
    expect(back.searchParams.get("error"), back.searchParams.get("error_description") ?? "").toBeNull();
    const { profile } = await workos.sso.getProfileAndToken({ code: back.searchParams.get("code")!, clientId });
    expect(profile).toMatchObject({ idpId: "m-mia", email: "mia@contoso.example.com", connectionType: "MicrosoftOAuth", firstName: "Mia" });
    expect(profile.rawAttributes).toMatchObject({ tid: TENANT });
  });

  it("reads the provider's keys once for successive sign-ins of any tenant", async () => {
    expect((await signIn("MicrosoftOAuth", "m-mia")).searchParams.get("code")).toBeTruthy();
    const read = microsoft.jwksRequests;
    expect(read).toBeGreaterThan(0);
    expect((await signIn("MicrosoftOAuth", "m-mal")).searchParams.get("code")).toBeTruthy();
    expect((await signIn("MicrosoftOAuth", "m-mia")).searchParams.get("code")).toBeTruthy();
    expect(microsoft.jwksRequests).toBe(read);
  });

  it("refuses a token whose tid is not the tenant its issuer names", async () => {
    const back = await signIn("MicrosoftOAuth", "m-eve");
    expect(back.searchParams.get("code")).toBeNull();
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_description")).toMatch(/^id_token_issuer_invalid:/);

    // authentication.oauth_failed with the reason, and nothing read from the refused token (no email, no user).
    const events = await eventsOf(back.userAgent);
    expect(events.map((e) => e.event)).toEqual(["authentication.oauth_failed"]);
    expect(events[0]!.data).toEqual({
      type: "oauth",
      status: "failed",
      email: null,
      userId: null,
      ipAddress: expect.stringMatching(loopback),
      userAgent: back.userAgent,
      error: { code: "id_token_issuer_invalid", message: expect.stringContaining("issuer") },
    });
  });

  it("does not name an organization from an address the user's tenant has not verified (no xms_edov)", async () => {
    const back = await signIn("MicrosoftOAuth", "m-mal");
    const { profile } = await workos.sso.getProfileAndToken({ code: back.searchParams.get("code")!, clientId });
    expect(profile.email).toBe("ceo@acme-workspace.example.com");
    expect(profile.organizationId).toBeUndefined();
  });
});
