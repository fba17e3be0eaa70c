import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogEvents, events, ssoSessions } from "@/db/schema";
import { resetEnvForTests } from "@/server/env";
import { certificateFingerprint } from "@/server/saml/signature";
import { consumeSamlResponse, createConnection, getConnection, spEndpoints } from "@/server/services/sso";
import { listConnectionChanges } from "@/server/services/sso/history";
import { findConnection } from "@/server/services/sso/load";
import { refreshConnectionMetadata, runMetadataRefresh } from "@/server/services/sso/metadata-refresh";
import { beginSignIn } from "@/server/services/sso/sign-in";
import { createOrganization } from "@/server/services/organizations";
import { apiContext } from "../support/context";
import { idpContext } from "@/server/services/context";
import { createTestDb } from "../support/db";
import { startMetadataServer, type MetadataServer } from "../support/metadata-server";
import { buildResponse, makeKeyPair, type KeyPair } from "../support/saml-idp";

const day = 86_400_000;
let handle: DbHandle;
let oldKey: KeyPair;
let newKey: KeyPair;
let metadata: MetadataServer;

function allowLoopback(allowed: boolean) {
  process.env.OUTBOUND_ALLOW_PRIVATE_ADDRESSES = allowed ? "true" : "false";
  resetEnvForTests();
}

beforeAll(async () => {
  handle = await createTestDb();
  [oldKey, newKey] = await Promise.all([makeKeyPair("old.idp.test"), makeKeyPair("new.idp.test")]);
  metadata = await startMetadataServer([oldKey]);
});
afterAll(async () => {
  await metadata?.close();
  await handle?.close();
  allowLoopback(false);
});
beforeEach(() => {
  allowLoopback(true);
  metadata.certificates = [oldKey];
  metadata.failing = false;
});

async function urlConnection(name: string) {
  const ctx = apiContext(handle.db);
  const organization = await createOrganization(ctx, { name });
  const connection = await createConnection(ctx, { organizationId: organization.id, metadataUrl: metadata.url });
  return { ctx, organization, connection };
}

const fingerprints = async (id: string) => (await getConnection(apiContext(handle.db), id)).certificates.map((c) => c.fingerprint).sort();

function eventsOf(name: "connection.saml_certificate_renewed", organizationId: string) {
  return handle.db
    .select()
    .from(events)
    .where(and(eq(events.event, name), eq(events.organizationId, organizationId)));
}

describe("a connection configured from a metadata URL", () => {
  it("follows a certificate rollover on its daily refresh: both while listed, then the new one alone", async () => {
    const { ctx, organization, connection } = await urlConnection("Rollover Inc");
    const oldFp = certificateFingerprint(oldKey.certificate);
    const newFp = certificateFingerprint(newKey.certificate);
    expect(await fingerprints(connection.id)).toEqual([oldFp]);

    // Not a day old yet: the job leaves it alone.
    const fetchesBefore = metadata.fetches;
    await runMetadataRefresh(handle.db, {}, new Date(Date.now() + 3600_000));
    expect(metadata.fetches).toBe(fetchesBefore);

    metadata.certificates = [oldKey, newKey];
    const firstRun = new Date(Date.now() + day + 60_000);
    const outcome = await runMetadataRefresh(handle.db, {}, firstRun);
    expect(outcome).toEqual({ runAgainAt: new Date(firstRun.getTime() + 3600_000) });
    expect(await fingerprints(connection.id)).toEqual([oldFp, newFp].sort());

    const renewed = await eventsOf("connection.saml_certificate_renewed", organization.id);
    expect(renewed).toHaveLength(1);
    expect(renewed[0]!.data).toEqual({
      connection: { id: connection.id, organization_id: organization.id },
      certificate: { certificate_type: "ResponseSigning", expiry_date: expect.any(String) },
      renewed_at: firstRun.toISOString(),
    });

    metadata.certificates = [newKey];
    await runMetadataRefresh(handle.db, {}, new Date(firstRun.getTime() + day + 60_000));
    expect(await fingerprints(connection.id)).toEqual([newFp]);
    // Dropping the old certificate is no renewal.
    expect(await eventsOf("connection.saml_certificate_renewed", organization.id)).toHaveLength(1);

    const history = await listConnectionChanges(ctx, connection.id);
    expect(history.map((h) => h.kind)).toEqual(["metadata_refreshed", "metadata_refreshed", "configured"]);
    expect(history[0]!.summary).toMatch(/old\.idp\.test.*no longer listed, removed/);
    expect(history[1]!.summary).toMatch(/new\.idp\.test.*added/);
    expect(history[0]!.actor).toMatch(/^Portico \(metadata refresh/);
    const audit = await handle.db
      .select()
      .from(auditLogEvents)
      .where(and(eq(auditLogEvents.organizationId, organization.id), eq(auditLogEvents.action, "portico.connection.metadata_refreshed")));
    expect(audit).toHaveLength(2);
    expect(audit[0]!.targets).toEqual([{ id: connection.id, type: "connection", name: connection.name }]);
  });

  it("keeps its certificates when the URL fails, and says so once in its history", async () => {
    const { ctx, connection } = await urlConnection("Flaky IdP Inc");
    metadata.failing = true;
    const row = await findConnection(handle.db, null, connection.id);
    const first = await refreshConnectionMetadata(handle.db, row, new Date(Date.now() + day), "daily refresh");
    expect(first).toEqual({ kind: "failed", message: expect.stringContaining("HTTP 500") });
    await refreshConnectionMetadata(handle.db, row, new Date(Date.now() + 2 * day), "daily refresh");
    expect(await fingerprints(connection.id)).toEqual([certificateFingerprint(oldKey.certificate)]);
    const history = await listConnectionChanges(ctx, connection.id);
    expect(history.filter((h) => h.kind === "metadata_refresh_failed")).toHaveLength(1);
    expect((await findConnection(handle.db, null, connection.id)).metadataError).toContain("HTTP 500");
  });

  it("does not fetch a private or loopback address unless the installation allows it", async () => {
    const { connection } = await urlConnection("Private Address Inc");
    allowLoopback(false);
    const fetches = metadata.fetches;
    const row = await findConnection(handle.db, null, connection.id);
    const outcome = await refreshConnectionMetadata(handle.db, row, new Date(Date.now() + day), "daily refresh");
    expect(outcome).toEqual({ kind: "failed", message: expect.stringContaining("private or loopback address") });
    expect(metadata.fetches).toBe(fetches);
  });

  it("fetches the metadata at once when a response is signed by an unknown key, and signs the person in", async () => {
    const { organization, connection } = await urlConnection("Sudden Rotation Inc");
    metadata.certificates = [newKey];
    const fetches = metadata.fetches;
    const answered = await signIn(connection.id, newKey);
    expect(metadata.fetches).toBe(fetches + 1);
    expect(answered).toMatchObject({ state: "successful", userEmail: "ada@rotation.example.com" });
    expect(answered.verifiedBy).toEqual([certificateFingerprint(newKey.certificate)]);
    expect(await eventsOf("connection.saml_certificate_renewed", organization.id)).toHaveLength(1);
  });

  it("fetches once, not once per post, when responses keep coming signed by a key the metadata does not list", async () => {
    const { connection } = await urlConnection("Stranger Posts Inc");
    const strangerKey = await makeKeyPair("stranger.test");
    const before = metadata.fetches;
    for (let i = 0; i < 3; i++) expect(await signIn(connection.id, strangerKey)).toMatchObject({ state: "failed", errorCode: "untrusted_certificate" });
    expect(metadata.fetches).toBe(before + 1);
  });
});

/** An SP-initiated sign-in answered by a response signed with `key`; returns the attempt as logged. */
async function signIn(connectionId: string, key: KeyPair) {
  const row = await findConnection(handle.db, null, connectionId);
  const sp = spEndpoints(connectionId);
  const now = new Date();
  const { sessionId } = await beginSignIn(handle.db, { connection: row, kind: "sign_in", redirectUri: "https://app.example.com/callback", now });
  const [session] = await handle.db.select().from(ssoSessions).where(eq(ssoSessions.id, sessionId));
  const response = buildResponse(key, {
    issuer: metadata.entityId,
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    inResponseTo: session!.requestId,
    nameId: "ada@rotation.example.com",
    attributes: { email: "ada@rotation.example.com" },
  });
  await consumeSamlResponse(idpContext(handle.db, "saml"), {
    connectionId,
    samlResponse: Buffer.from(response).toString("base64"),
    now,
    clientAddress: "127.0.0.1",
  });
  const [answered] = await handle.db.select().from(ssoSessions).where(eq(ssoSessions.id, sessionId));
  return answered!;
}
