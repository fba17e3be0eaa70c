import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkOS } from "@workos-inc/node";
import type { PolisImportReport } from "@/server/services/import";
import { createApiKey } from "@/server/services/api-keys";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { createOwner } from "@/server/services/staff";
import { polisDirectoryRecord, polisSamlRecord, startFakePolis, type FakePolis } from "../support/polis-server";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { freePort, freshDatabaseEnv, runCli, runCliAsync, startServer, type RunningServer } from "../support/server";
import { portalCookie, seedDatabase, signInThroughIdp, trpc as portalTrpc } from "../support/sso-flow";
import { signInOrThrow, trpc } from "../support/staff-http";

/**
 * Moving from Ory Polis: its admin API (a loopback stand-in answering in Polis's documented shapes) is read
 * by the operator's CLI and by the dashboard's background job; imported SAML connections keep signing
 * people in at Polis's ACS path with Polis's audience, and a rerun changes nothing.
 */
const CALLBACK = "https://app.example.com/sso/callback";
const API_KEY = "polis-admin-key-1";
const OWNER = { email: "ops@vendor.example.com", password: "a long enough password" };
let polis: FakePolis;
let acmeIdp: TestIdp;
let globexIdp: TestIdp;
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let port: number;
let porticoUrl: string;
let clientId: string;
let apiKey: string;
let server: RunningServer | undefined;
/** Printed once by the first real import. */
let acmeScimToken = "";

async function importCli(extra: string[] = []) {
  const result = await runCliAsync(["import-polis", "--url", polis.url, "--api-key", API_KEY, "--product", "crm", ...extra], {
    ...database.env,
    PUBLIC_URL: porticoUrl,
  });
  return { ...result, report: extra.includes("--json") ? (JSON.parse(result.stdout) as PolisImportReport) : null };
}
const tenant = (report: PolisImportReport, name: string) => report.tenants.find((t) => t.tenant === name)!;

beforeAll(async () => {
  polis = await startFakePolis(API_KEY);
  acmeIdp = await startTestIdp({ email: "ada@acme.example.com", firstName: "Ada", lastName: "Lovelace" });
  globexIdp = await startTestIdp({ email: "hank@globex.example.com" });
  port = await freePort();
  porticoUrl = `http://localhost:${port}`;
  // Polis's hostname now reaches Portico: the ACS URL its IdPs post to is on Portico's public URL.
  polis.sp = { entityId: `${polis.url}/saml-audience`, acsUrl: `${porticoUrl}/api/oauth/saml` };
  polis.connections.set("crm", [
    polisSamlRecord({
      clientID: "acme-saml",
      tenant: "acme.example.com",
      product: "crm",
      name: "Acme Okta",
      entityId: acmeIdp.entityId,
      ssoUrl: acmeIdp.ssoUrl,
      certificatePem: acmeIdp.key.certificate,
    }),
    // This one had its own ACS URL at Polis, on a host Portico does not serve: its IT admin must change it.
    polisSamlRecord({
      clientID: "globex-saml",
      tenant: "globex.example.com",
      product: "crm",
      name: "Globex ADFS",
      entityId: globexIdp.entityId,
      ssoUrl: globexIdp.ssoUrl,
      certificatePem: globexIdp.key.certificate,
      acsUrlOverride: "https://sso.globex-old.example.com/api/oauth/saml",
    }),
    {
      clientID: "globex-oidc",
      clientSecret: "globex-oidc-jackson-secret",
      name: "Globex Google",
      tenant: "globex.example.com",
      product: "crm",
      defaultRedirectUrl: CALLBACK,
      redirectUrl: [CALLBACK],
      deactivated: false,
      oidcProvider: {
        provider: "accounts.google.com",
        friendlyProviderName: "Google",
        discoveryUrl: "https://accounts.google.com/.well-known/openid-configuration",
        clientId: "globex-client.apps.googleusercontent.com",
        clientSecret: "globex-oidc-client-secret",
      },
    },
    {
      ...polisSamlRecord({
        clientID: "broken-saml",
        tenant: "broken.example.com",
        product: "crm",
        name: "Broken",
        entityId: "https://idp.broken.example.com",
        ssoUrl: "https://idp.broken.example.com/sso",
        certificatePem: "bm90IGEgY2VydGlmaWNhdGU=",
      }),
    },
  ]);
  polis.directories.set("crm", [
    polisDirectoryRecord({
      id: "58b5cd9dfaa39d47eb8f5f88631f9a629a232016",
      name: "Acme Okta SCIM",
      tenant: "acme.example.com",
      product: "crm",
      type: "okta-scim-v2",
      polisUrl: polis.url,
    }),
    polisDirectoryRecord({ id: "google-dir-1", name: "Globex Workspace", tenant: "globex.example.com", product: "crm", type: "google", polisUrl: polis.url }),
  ]);
  database = await freshDatabaseEnv();
  ({ clientId, apiKey } = await seedDatabase(database.env, async (db) => {
    const ctx = { db, actor: { type: "system" as const, reason: "test" } };
    await updateRedirectSettings(ctx, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    await createOwner(db, OWNER);
    return { clientId: await getClientId(db), apiKey: (await createApiKey(ctx, { name: "polis" })).secret };
  }));
});
afterAll(async () => {
  await server?.stop();
  await Promise.all([polis?.close(), acmeIdp?.close(), globexIdp?.close()]);
});

describe("import-polis from the CLI", () => {
  it("prints the plan of a dry run and writes nothing", async () => {
    const dry = await importCli(["--dry-run", "--json"]);
    expect(dry.status, dry.stderr).toBe(1);
    const report = dry.report!;
    expect(report.dryRun).toBe(true);
    expect(polis.seenAuthorizations.at(-1)).toBe(`Api-Key ${API_KEY}`);
    expect(tenant(report, "acme.example.com")).toMatchObject({
      outcome: "created",
      organizationId: null,
      connections: [{ outcome: "created", connectionId: null }],
    });
    expect(tenant(report, "broken.example.com").outcome).toBe("failed");
    const listed = runCli(["list-organizations", "--json"], database.env);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it("makes one organization per tenant, keeps Polis's ACS where Portico serves it, and lists what else must change", async () => {
    const run = await importCli(["--json"]);
    // One tenant's certificate cannot be read: it fails, and the exit code says so; the others are imported.
    expect(run.status, run.stderr).toBe(1);
    const report = run.report!;
    const broken = tenant(report, "broken.example.com");
    expect(broken).toMatchObject({ outcome: "failed", organizationId: null });
    expect(broken.error).toMatch(/certificate/i);

    const acme = tenant(report, "acme.example.com");
    expect(acme).toMatchObject({ outcome: "created", organizationName: "acme.example.com (crm)" });
    expect(acme.organizationId).toMatch(/^org_/);
    expect(acme.connections).toEqual([
      expect.objectContaining({
        polisClientId: "acme-saml",
        outcome: "created",
        signIn: { kind: "kept", acsUrl: `${porticoUrl}/api/oauth/saml`, entityId: `${polis.url}/saml-audience` },
      }),
    ]);
    expect(acme.directories).toEqual([
      expect.objectContaining({
        outcome: "created",
        scimBaseUrl: expect.stringMatching(new RegExp(`^${porticoUrl}/scim/v2/directory_`)),
        bearerToken: expect.any(String),
      }),
    ]);
    acmeScimToken = acme.directories[0]!.bearerToken!;

    const globex = tenant(report, "globex.example.com");
    const saml = globex.connections.find((c) => c.protocol === "saml")!;
    expect(saml.signIn).toEqual({
      kind: "idp_change",
      acsUrl: `${porticoUrl}/sso/saml/${saml.connectionId}/acs`,
      entityId: `${porticoUrl}/sso/saml/${saml.connectionId}/metadata`,
      metadataUrl: `${porticoUrl}/sso/saml/${saml.connectionId}/metadata`,
    });
    const oidc = globex.connections.find((c) => c.protocol === "oidc")!;
    expect(oidc.signIn).toEqual({ kind: "oidc_redirect_uri", redirectUri: `${porticoUrl}/sso/oidc/${oidc.connectionId}/callback` });
    expect(globex.directories).toEqual([expect.objectContaining({ outcome: "skipped", directoryId: null })]);
    expect(run.stdout).not.toContain("globex-oidc-client-secret");
    expect(JSON.parse(runCli(["list-organizations", "--json"], database.env).stdout)).toHaveLength(2);
  });

  it("changes nothing when run again, and says so in its table", async () => {
    const again = await importCli(["--json"]);
    const report = again.report!;
    expect(report.totals).toMatchObject({ created: 0, updated: 0, failed: 1 });
    for (const t of report.tenants.filter((x) => x.outcome !== "failed")) {
      expect(t.outcome).toBe("unchanged");
      for (const item of [...t.connections, ...t.directories].filter((i) => i.outcome !== "skipped")) expect(item.outcome).toBe("unchanged");
    }
    const table = await importCli();
    expect(table.stdout).toMatch(/^TENANT\s+PRODUCT\s+ITEM\s+OUTCOME/m);
    expect(table.stdout).toMatch(/acme\.example\.com\s+crm\s+organization\s+unchanged/);
    expect(table.stdout).toContain("Changes each IT admin must make at the IdP:");
    expect(table.stdout).toContain("0 created, 0 updated");
  });
});

describe("after the import", () => {
  let report: PolisImportReport;
  beforeAll(async () => {
    report = (await importCli(["--dry-run", "--json"])).report!;
    // The dashboard's import runs as a background job: polled often, it starts at once.
    server = await startServer({ database, port, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true", JOB_POLL_INTERVAL_MS: "200" } });
    const acmeConnection = tenant(report, "acme.example.com").connections[0]!.connectionId!;
    // The test IdP checks AuthnRequest signatures against the metadata at the SP's entity ID: Polis's audience
    // URL serves Portico's SP metadata here, as an IdP given Portico's certificate would hold it.
    polis.audienceMetadata = async () => (await fetch(`${porticoUrl}/sso/saml/${acmeConnection}/metadata`)).text();
  });

  it("signs in through the imported SAML connection at Polis's ACS path, with Polis's audience", async () => {
    const acme = tenant(report, "acme.example.com");
    const workos = new WorkOS(apiKey, { apiHostname: "localhost", port, https: false });
    const url = workos.sso.getAuthorizationUrl({ organization: acme.organizationId!, redirectUri: CALLBACK, clientId, state: "s1" });
    const result = await signInThroughIdp(url, acmeIdp);
    expect(result.acsUrl).toBe(`${porticoUrl}/api/oauth/saml`);
    expect(acmeIdp.requests.at(-1)).toMatchObject({ issuer: `${polis.url}/saml-audience`, acsUrl: `${porticoUrl}/api/oauth/saml`, signatureVerified: true });
    const location = new URL(result.location);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    const { profile } = await workos.sso.getProfileAndToken({ code: location.searchParams.get("code")!, clientId });
    expect(profile).toMatchObject({
      email: "ada@acme.example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      organizationId: acme.organizationId,
      connectionId: acme.connections[0]!.connectionId,
    });
  });

  it("takes the new SCIM base URL with the new token", async () => {
    const directory = tenant(report, "acme.example.com").directories[0]!;
    const users = await fetch(`${directory.scimBaseUrl}/Users`, { headers: { Authorization: `Bearer ${acmeScimToken}` } });
    expect(users.status).toBe(200);
    expect(await users.json()).toMatchObject({ totalResults: 0 });
    // Polis's SCIM secret is not carried over: the IdP gets the new token.
    const old = await fetch(`${directory.scimBaseUrl}/Users`, { headers: { Authorization: "Bearer polis-scim-secret" } });
    expect(old.status).toBe(401);
  });

  it("lets staff send an imported organization a setup link for SSO only", async () => {
    const cookie = await signInOrThrow(porticoUrl, OWNER);
    const globex = tenant(report, "globex.example.com");
    const made = await trpc(porticoUrl, cookie, "setupLinks.create", { organizationId: globex.organizationId, intents: ["sso"] }, "mutation");
    expect(made.status).toBe(200);
    const portal = await portalCookie((made.data as { url: string }).url);
    const overview = await portalTrpc<{ intents: { intent: string }[] }>(porticoUrl, portal, "portal.overview.get", undefined, "query");
    expect(overview.intents.map((i) => i.intent)).toEqual(["sso"]);
  });

  it("imports from the dashboard as a background job with progress, and only the new tenant changes", async () => {
    polis.connections.get("crm")!.push(
      polisSamlRecord({
        clientID: "initech-saml",
        tenant: "initech.example.com",
        product: "crm",
        name: "Initech",
        entityId: "https://idp.initech.example.com/saml",
        ssoUrl: "https://idp.initech.example.com/sso",
        certificatePem: acmeIdp.key.certificate,
      }),
    );
    const cookie = await signInOrThrow(porticoUrl, OWNER);
    const page = await fetch(`${porticoUrl}/dashboard/import-polis`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Import from Polis");
    const started = await trpc(porticoUrl, cookie, "polisImport.start", { url: polis.url, apiKey: API_KEY, products: ["crm"] }, "mutation");
    expect(started.status).toBe(200);
    const id = (started.data as { id: string }).id;
    let run: { state: string; total: number; completed: number; report: PolisImportReport | null } | undefined;
    for (let i = 0; i < 120 && run?.state !== "done" && run?.state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 500));
      run = (await trpc(porticoUrl, cookie, "polisImport.get", { id })).data as typeof run;
    }
    expect(run).toMatchObject({ state: "done", total: 4, completed: 4 });
    const dashboardReport = run!.report!;
    expect(tenant(dashboardReport, "initech.example.com")).toMatchObject({ outcome: "created", connections: [{ outcome: "created" }] });
    expect(tenant(dashboardReport, "acme.example.com")).toMatchObject({
      outcome: "unchanged",
      organizationId: tenant(report, "acme.example.com").organizationId,
    });
    expect(tenant(dashboardReport, "broken.example.com").outcome).toBe("failed");
    expect(dashboardReport.totals).toMatchObject({ created: 1, updated: 0, failed: 1 });
    // The stored report holds no secret: no SCIM token, no OIDC client secret, not the Polis API key.
    const stored = JSON.stringify(run);
    for (const secret of ["bearerToken", "globex-oidc-client-secret", API_KEY]) expect(stored).not.toContain(secret);
  });
});
