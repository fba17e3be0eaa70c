import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundException, UnprocessableEntityException, WorkOS, type AuthenticationEventResponse, type EventResponse } from "@workos-inc/node";
import { recheckDomain } from "@/server/services/domains/recheck";
import { setConnectionActive } from "@/server/services/sso";
import { checkSsoTimeout } from "@/server/services/sso/auth-events";
import { resetEnvForTests } from "@/server/env";
import { runCertificateWatch } from "@/server/services/sso/certificate-expiry";
import { findConnection } from "@/server/services/sso/load";
import { refreshConnectionMetadata } from "@/server/services/sso/metadata-refresh";
import { certificateExpiry } from "@/server/services/sso/sp-key";
import { makeKeyPair } from "../support/saml-idp";
import type { DocumentedRenewalRequired, DocumentedRenewed } from "../support/documented-events";
import { getClientId } from "@/server/services/settings/installation";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { eventNames, type DirectoryTokenData, type EventName, type EventPayloads } from "@/server/wire/events";
import { startDnsServer } from "../support/dns";
import { followOidcSignIn, startOidcIdp, type OidcTestIdp } from "../support/oidc-idp";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { scimClient } from "../support/scim";
import { freePort, freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, seedDatabase, signInThroughIdp, trpc } from "../support/sso-flow";
import { bootstrapOwner, bootstrapOwnerEnv } from "../support/staff-browser";
import { signInOrThrow } from "../support/staff-http";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Compile-time half of the check: each payload type Portico declares must be assignable to the type
 * the SDK declares for that event (enums compared by their string values). `dsync.token.*`,
 * `connection.saml_certificate_*` and `authentication.sso_started|timed_out` are not in SDK 11's event union
 * (it passes them through as sent): the token and certificate events are checked against the documented shape, the sign-in ones against the SDK's AuthenticationEventResponse (whose
 * `status` type knows only succeeded/failed).
 */
type Wire<T> = T extends string ? `${T}` : T extends (infer U)[] ? Wire<U>[] : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
type SdkData<N extends string> = N extends EventResponse["event"]
  ? Wire<Extract<EventResponse, { event: N }>["data"]>
  : N extends `authentication.sso_${string}`
    ? Wire<Omit<AuthenticationEventResponse, "status">> & { status: "started" | "timed_out" }
    : N extends `dsync.token.${string}`
      ? DirectoryTokenData
      : N extends "connection.saml_certificate_renewal_required"
        ? DocumentedRenewalRequired
        : N extends "connection.saml_certificate_renewed"
          ? DocumentedRenewed
          : never;
type Mismatched = { [N in EventName]: EventPayloads[N] extends SdkData<N> ? never : N }[EventName];
const everyPayloadMatchesTheSdk: [Mismatched] extends [never] ? true : Mismatched = true;

const CALLBACK = "https://app.example.com/sso/callback";
let server: RunningServer;
let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let serverEnv: Record<string, string>;
let workos: WorkOS;
let apiKey: string;
let receiver: WebhookReceiver;
let idp: TestIdp;
let google: OidcTestIdp;
let clientId: string;
let dns: Awaited<ReturnType<typeof startDnsServer>>;
let secret: string;

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  idp = await startTestIdp({ email: "grace@events-acme.example.com", firstName: "Grace", lastName: "Hopper", groups: ["Ops"] });
  dns = await startDnsServer();
  // The first server's port is known in advance: the Google stand-in accepts only its callbacks.
  const port = await freePort();
  google = await startOidcIdp({
    redirectPrefix: `http://localhost:${port}/sso/oidc/`,
    claimsInIdToken: true,
    users: [
      { sub: "g-grace", email: "grace@events-acme.example.com", hd: "events-acme.example.com", given_name: "Grace", family_name: "Hopper" },
      { sub: "g-unverified", email: "nobody@events-acme.example.com", email_verified: false },
    ],
  });
  database = await freshDatabaseEnv();
  clientId = await seedDatabase(database.env, async (db) => {
    await updateRedirectSettings({ db, actor: { type: "system", reason: "test" } }, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return getClientId(db);
  });
  const created = runCli(["create-api-key", "--name", "events"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  serverEnv = {
    ...bootstrapOwnerEnv,
    PORTICO_GOOGLE_OAUTH_DISCOVERY_URL: google.discoveryUrl,
    OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true",
    NODE_EXTRA_CA_CERTS: receiver.caFile,
    DNS_SERVERS: dns.server,
    DNS_TIMEOUT_MS: "800",
    JOB_POLL_INTERVAL_MS: "200",
  };
  server = await startServer({ database, port, env: serverEnv });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
  const endpoint = await workos.webhooks.createWebhookEndpoint({ endpointUrl: receiver.url, events: [...eventNames] as never });
  secret = endpoint.secret;
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
  await idp?.close();
  await google?.close();
  dns?.stop();
});

/** Every path in a deserialized object that came out `undefined`: a field the SDK read but the wire lacked. */
function undefinedFields(value: unknown, path = "data"): string[] {
  if (value === undefined) return [path];
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => undefinedFields(v, `${path}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => undefinedFields(v, `${path}.${k}`));
}

/** Produces one real instance of every event Portico emits, through the interfaces that cause them. */
async function causeEveryEvent() {
  const organization = await workos.organizations.createOrganization({
    name: "Events Acme",
    domainData: [{ domain: "events-acme.example.com", state: "verified" as never }],
  });
  const updated = await workos.organizations.updateOrganization({
    organization: organization.id,
    name: "Events Acme Renamed",
    stripeCustomerId: "cus_Events123",
  });
  expect(updated.stripeCustomerId).toBe("cus_Events123");
  expect((await workos.organizations.getOrganization(organization.id)).stripeCustomerId).toBe("cus_Events123");

  const verifiable = await workos.organizationDomains.createOrganizationDomain({ organizationId: organization.id, domain: "events-verify.example" });
  dns.records.set(`${verifiable.verificationPrefix}.${verifiable.domain}`, [verifiable.verificationToken!]);
  expect((await workos.organizationDomains.verifyOrganizationDomain(verifiable.id)).state).toBe("verified");
  const expiring = await workos.organizationDomains.createOrganizationDomain({ organizationId: organization.id, domain: "events-expire.example" });

  // SSO: an IT admin's test sign-in (started + succeeded, activates), a failing one, and one never answered.
  const { link } = await workos.adminPortal.generateLink({ organization: organization.id, intent: "sso" as never });
  const cookie = await portalCookie(link);
  const draft = await trpc<{ id: string }>(server.url, cookie, "portal.sso.create", { provider: "okta" });
  await trpc(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataUrl: idp.metadataUrl });
  const good = await trpc<{ request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
  await signInThroughIdp(good.request.url, idp);
  idp.responseOverrides = { audience: "https://elsewhere.example.com" };
  try {
    const bad = await trpc<{ request: { url: string } }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });
    await signInThroughIdp(bad.request.url, idp);
  } finally {
    idp.responseOverrides = {};
  }
  const abandoned = await trpc<{ sessionId: string }>(server.url, cookie, "portal.sso.testSignIn", { id: draft.id });

  // Google sign-in (provider=GoogleOAuth), enabled by staff: one that succeeds, one refused for an unverified address.
  const staff = await signInOrThrow(server.url, bootstrapOwner);
  await trpc(server.url, staff, "settings.updateOAuthProvider", {
    provider: "GoogleOAuth",
    clientId: google.clientId,
    clientSecret: google.clientSecret,
    enabled: true,
  });
  for (const [login, outcome] of [
    ["g-grace", "code"],
    ["g-unverified", "error"],
  ] as const) {
    const url = workos.sso.getAuthorizationUrl({ provider: "GoogleOAuth", redirectUri: CALLBACK, clientId, state: login });
    const answer = await fetch(await followOidcSignIn(url, login, "/sso/oidc/"), { redirect: "manual" });
    expect(new URL(answer.headers.get("location") ?? "about:blank").searchParams.get(outcome), login).toBeTruthy();
  }

  // Directory Sync over the API and SCIM, as an IdP provisions.
  const directory = await api("POST", "/directories", { organization_id: organization.id, type: "okta" });
  expect(directory.status).toBe(201);
  const scim = scimClient(directory.body.scim_base_url, directory.body.bearer_token);
  const user = await scim("POST", "/Users", {
    userName: "grace@events-acme.example.com",
    externalId: "okta-grace",
    name: { givenName: "Grace", familyName: "Hopper" },
    emails: [{ value: "grace@events-acme.example.com", primary: true }],
  });
  expect(user.status).toBe(201);
  await scim("PATCH", `/Users/${user.body.id}`, { Operations: [{ op: "replace", value: { title: "Rear Admiral" } }] });
  const group = await scim("POST", "/Groups", { displayName: "Ops" });
  await scim("PATCH", `/Groups/${group.body.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: user.body.id }] }] });
  await scim("PATCH", `/Groups/${group.body.id}`, { Operations: [{ op: "replace", value: { displayName: "Operations" } }] });
  await scim("PATCH", `/Groups/${group.body.id}`, { Operations: [{ op: "remove", path: `members[value eq "${user.body.id}"]` }] });
  await scim("DELETE", `/Groups/${group.body.id}`);
  await scim("DELETE", `/Users/${user.body.id}`);
  expect((await api("POST", `/directories/${directory.body.id}/token`)).status).toBeLessThan(300);
  await workos.directorySync.deleteDirectory(directory.body.id);

  // What takes time (a domain's 7-day window, a sign-in's expiry) or staff: run by the services themselves on the stopped server's data.
  await server.stop({ keepDatabase: true });
  await seedDatabase(database.env, async (db) => {
    await setConnectionActive({ db, actor: { type: "system", reason: "test" } }, draft.id, false);
    await recheckDomain(db, { domainId: expiring.id, since: new Date(Date.now() - 8 * 86_400_000).toISOString() }, new Date());
    await checkSsoTimeout(db, { sessionId: abandoned.sessionId }, new Date());
    // The IdP's certificate ten days from expiry, then the IdP rotating it in its metadata.
    await runCertificateWatch(db, {}, new Date(certificateExpiry(idp.key.certificate).getTime() - 10 * 86_400_000));
    const previousKey = idp.key;
    idp.key = await makeKeyPair("rotated.events-acme.test");
    process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = "true";
    resetEnvForTests();
    try {
      const outcome = await refreshConnectionMetadata(db, await findConnection(db, null, draft.id), new Date(), "a test");
      expect(outcome.kind).toBe("changed");
    } finally {
      idp.key = previousKey;
      delete process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES;
      resetEnvForTests();
    }
  });
  server = await startServer({ database, env: serverEnv });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });

  await workos.sso.deleteConnection(draft.id);
  await workos.organizationDomains.deleteOrganizationDomain(verifiable.id);
  await workos.organizations.deleteOrganization(organization.id);
}

describe("every event through @workos-inc/node", () => {
  it("declares payload types the SDK's types accept", () => {
    expect(everyPayloadMatchesTheSdk).toBe(true);
  });

  it("emits every event type, delivered signed and listed, each deserializing field by field", async () => {
    await causeEveryEvent();
    const byName = new Map<string, Awaited<ReturnType<WorkOS["webhooks"]["constructEvent"]>>>();
    for (const name of eventNames) {
      const [delivery] = await receiver.waitFor((r) => JSON.parse(r.body).event === name, 1, 60_000);
      const event = await workos.webhooks.constructEvent({ payload: delivery!.body, sigHeader: String(delivery!.headers["workos-signature"]), secret });
      expect(event.event).toBe(name);
      expect(undefinedFields(event.data), name).toEqual([]);
      byName.set(name, event);
    }

    const listed = [];
    let after: string | undefined;
    do {
      const page = await workos.events.listEvents({ events: [...eventNames] as never, limit: 100, after });
      listed.push(...page.data);
      after = page.listMetadata.after ?? undefined;
    } while (after);
    expect(new Set(listed.map((e) => e.event))).toEqual(new Set(eventNames));
    for (const event of listed) expect(undefinedFields(event.data), event.event).toEqual([]);
    for (const [name, delivered] of byName) {
      const same = listed.find((e) => e.id === delivered.id);
      expect(same, name).toEqual(delivered);
    }

    const failed = byName.get("organization_domain.verification_failed")!.data as { reason: string; organizationDomain: { domain: string } };
    expect(failed).toMatchObject({ reason: "domain_verification_period_expired", organizationDomain: { domain: "events-expire.example" } });
    expect(byName.get("dsync.activated")!.data).toMatchObject({
      state: "active",
      domains: expect.arrayContaining([expect.objectContaining({ object: "organization_domain" })]),
    });
    expect(byName.get("connection.activated")!.data).toMatchObject({
      domains: expect.arrayContaining([expect.objectContaining({ object: "connection_domain" })]),
    });
    expect(byName.get("authentication.sso_succeeded")!.data).toMatchObject({ type: "sso", status: "succeeded", email: "grace@events-acme.example.com" });
    expect(byName.get("authentication.sso_failed")!.data).toMatchObject({ status: "failed", error: { code: "audience_mismatch" } });
    expect(byName.get("authentication.oauth_succeeded")!.data).toMatchObject({ type: "oauth", status: "succeeded", email: "grace@events-acme.example.com" });
    expect(byName.get("authentication.oauth_failed")!.data).toMatchObject({ type: "oauth", status: "failed", error: { code: "email_unverified" } });
    expect(byName.get("connection.saml_certificate_renewal_required")!.data).toMatchObject({
      certificate: { certificate_type: "ResponseSigning", is_expired: false },
      days_until_expiry: 10,
    });
    expect(byName.get("connection.saml_certificate_renewed")!.data).toMatchObject({ certificate: { certificate_type: "ResponseSigning" } });
    expect(byName.get("dsync.token.revoked")!.data).toMatchObject({ object: "directory_token", token_suffix: expect.stringMatching(/^.{4}$/) });
  });
});

describe("GET /events parameters", () => {
  it("takes events repeated, comma-joined and as events[]", async () => {
    const org = await workos.organizations.createOrganization({ name: "Params Org" });
    await workos.organizations.updateOrganization({ organization: org.id, name: "Params Org 2" });
    const q = `organization_id=${org.id}`;
    for (const form of [
      "events=organization.created&events=organization.updated",
      "events=organization.created,organization.updated",
      "events[]=organization.created&events[]=organization.updated",
    ]) {
      const res = await api("GET", `/events?${form}&${q}`);
      expect(res.status, form).toBe(200);
      expect(
        res.body.data.map((e: { event: string }) => e.event),
        form,
      ).toEqual(["organization.created", "organization.updated"]);
    }
    const desc = await api("GET", `/events?events=organization.created,organization.updated&${q}&order=desc&limit=1`);
    expect(desc.body.data.map((e: { event: string }) => e.event)).toEqual(["organization.updated"]);
    const next = await api("GET", `/events?events=organization.created,organization.updated&${q}&order=desc&limit=1&after=${desc.body.list_metadata.after}`);
    expect(next.body.data.map((e: { event: string }) => e.event)).toEqual(["organization.created"]);
    const back = await api("GET", `/events?events=organization.created,organization.updated&${q}&order=desc&limit=1&before=${next.body.data[0].id}`);
    expect(back.body.data.map((e: { event: string }) => e.event)).toEqual(["organization.updated"]);
  });

  it("refuses a range over 30 days, and range_start with after, naming the field", async () => {
    const start = new Date(Date.now() - 31 * 86_400_000).toISOString();
    const wide = await api("GET", `/events?events=organization.created&range_start=${start}&range_end=${new Date().toISOString()}`);
    expect(wide.status).toBe(422);
    expect(wide.body.errors).toEqual([expect.objectContaining({ field: "range_end", code: "range_too_long" })]);
    const open = await api("GET", `/events?events=organization.created&range_start=${start}`);
    expect(open.body.errors).toEqual([expect.objectContaining({ field: "range_start", code: "range_too_long" })]);
    const both = await api("GET", `/events?events=organization.created&range_start=${new Date().toISOString()}&after=event_x`);
    expect(both.body.errors).toEqual([expect.objectContaining({ field: "range_start" })]);
    await expect(workos.events.listEvents({ events: ["organization.created"], rangeStart: start })).rejects.toBeInstanceOf(UnprocessableEntityException);
    const none = await api("GET", "/events");
    expect(none.body.errors).toEqual([expect.objectContaining({ field: "events" })]);
  });

  it("answers an unknown API path with a JSON 404 the SDK reads, and keeps the pages' own 404s", async () => {
    for (const [method, path] of [
      ["GET", "/no_such_resource"],
      ["POST", "/organizations/org_x/no_such_thing"],
      ["DELETE", "/api/nothing/here"],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { method, headers: { Authorization: `Bearer ${apiKey}` } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(await res.json()).toMatchObject({ code: "not_found" });
    }
    await expect(workos.get("/no_such_resource")).rejects.toBeInstanceOf(NotFoundException);
    const page = await fetch(`${server.url}/dashboard/no-such-page`, { headers: { Accept: "text/html" }, redirect: "manual" });
    expect(page.headers.get("content-type") ?? "").not.toContain("application/json");
    const home = await fetch(`${server.url}/sign-in`);
    expect(home.status).toBe(200);
  });
});
