import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogEvents, events, ssoSessions } from "@/db/schema";
import { NotFoundError, ForbiddenError, RateLimitedError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { createOrganization } from "@/server/services/organizations";
import {
  consumeSamlResponse,
  createConnection,
  deleteConnection,
  getConnection,
  getSsoSession,
  listSsoSessions,
  setConnectionActive,
  spEndpoints,
  startTestSignIn,
  updateConnection,
} from "@/server/services/sso";
import {
  KEPT_FAILED_UNSOLICITED_ATTEMPTS,
  MAX_STORED_RESPONSE_BYTES,
  UNSOLICITED_RESPONSES_PER_CONNECTION_PER_MINUTE,
} from "@/server/services/sso/attempt-log";
import { buildResponse, idpMetadataXml, makeKeyPair, samlId, type KeyPair } from "../support/saml-idp";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { idpContext } from "@/server/services/context";

/**
 * Connections and the ACS against a real database: tenancy, events, the replay cache and one-time
 * request ids (SECURITY.md SAML checks 7 and 8), concurrency.
 */
let handle: DbHandle;
let idp: KeyPair;
const system = (): ServiceContext => ({ db: handle.db, actor: { type: "system", reason: "test" } });
const portal = (organizationId: string, intents: ("sso" | "dsync")[] = ["sso"]): ServiceContext => ({
  db: handle.db,
  actor: { type: "portal", sessionId: "ps_test", organizationId, intents },
});
const IDP = "https://idp.connections.example.com";

beforeAll(async () => {
  handle = await createTestDb();
  idp = await makeKeyPair("idp.connections.example.com");
});
afterAll(async () => {
  await handle?.close();
});

async function configuredConnection(name: string) {
  const organization = await createOrganization(system(), { name });
  const metadataXml = idpMetadataXml({ entityId: IDP, ssoUrl: "https://idp.connections.example.com/sso", certificates: [idp.certificate] });
  const connection = await createConnection(portal(organization.id), { provider: "okta", metadataXml });
  return { organization, connection };
}

async function openRequest(organizationId: string, connectionId: string) {
  const { sessionId } = await startTestSignIn(portal(organizationId), connectionId);
  const detail = await getSsoSession(portal(organizationId), sessionId);
  const requestId = /ID="([^"]+)"/.exec(detail.requestXml!)![1]!;
  return { sessionId, requestId };
}

function responseFor(connectionId: string, requestId: string, extra: { assertionId?: string; issueInstant?: Date } = {}) {
  const sp = spEndpoints(connectionId);
  const xml = buildResponse(idp, {
    issuer: IDP,
    audience: sp.entityId,
    acsUrl: sp.acsUrl,
    inResponseTo: requestId,
    nameId: "kay@connections.example.com",
    attributes: { email: "kay@connections.example.com" },
    ...extra,
  });
  return Buffer.from(xml).toString("base64");
}

const sessionState = async (id: string) => (await handle.db.select().from(ssoSessions).where(eq(ssoSessions.id, id)))[0]!;

describe("connections in the service layer", () => {
  it("keeps a connection inside its organization: another organization's portal gets not found", async () => {
    const { connection } = await configuredConnection("Tenant One");
    const other = await createOrganization(system(), { name: "Tenant Two" });
    await expect(getConnection(portal(other.id), connection.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteConnection(portal(other.id), connection.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getConnection(portal(connection.organizationId, ["dsync"]), connection.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getConnection(system(), connection.id)).id).toBe(connection.id);
  });

  it("activates on the first successful test sign-in and records connection.activated once", async () => {
    const { connection } = await configuredConnection("Activation Co");
    for (let i = 0; i < 2; i++) {
      const { requestId } = await openRequest(connection.organizationId, connection.id);
      const outcome = await consumeSamlResponse(idpContext(handle.db, "saml"), {
        connectionId: connection.id,
        samlResponse: responseFor(connection.id, requestId),
        clientAddress: "192.0.2.10",
        now: new Date(),
      });
      expect(outcome.kind).toBe("redirect");
    }
    expect((await getConnection(system(), connection.id)).state).toBe("active");
    const activated = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, connection.organizationId), eq(events.event, "connection.activated")));
    expect(activated).toHaveLength(1);
  });

  it("lets staff deactivate (admins only), records connection.deactivated, and then signs nobody in", async () => {
    const { connection } = await configuredConnection("Deactivate Co");
    await expect(setConnectionActive(await asStaff(handle.db, "viewer"), connection.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await setConnectionActive(await asStaff(handle.db, "admin"), connection.id, false)).state).toBe("inactive");
    await updateConnection(system(), connection.id, { allowIdpInitiated: true });
    const unsolicited = await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, ""),
      clientAddress: "192.0.2.10",
      now: new Date(),
    });
    expect(unsolicited).toMatchObject({ kind: "page", code: "connection_inactive" });
    const rows = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, connection.organizationId), eq(events.event, "connection.deactivated")));
    expect(rows).toHaveLength(1);
  });

  it("lets staff activate a configured draft without a test sign-in (event and audit row), and refuses an unconfigured one by name", async () => {
    const { connection } = await configuredConnection("Staff Activation Co");
    expect(connection.state).toBe("draft");
    const admin = await asStaff(handle.db, "admin");
    expect((await setConnectionActive(admin, connection.id, true)).state).toBe("active");
    const activated = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, connection.organizationId), eq(events.event, "connection.activated")));
    expect(activated).toHaveLength(1);
    const audit = await handle.db
      .select()
      .from(auditLogEvents)
      .where(and(eq(auditLogEvents.organizationId, connection.organizationId), eq(auditLogEvents.action, "portico.connection.activated")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toMatchObject({ type: "staff" });
    const bare = await createConnection(portal(connection.organizationId), { provider: "okta" });
    const refused = await setConnectionActive(admin, bare.id, true).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors).toEqual([expect.objectContaining({ field: "state", code: "connection_not_configured" })]);
    expect((await getConnection(system(), bare.id)).state).toBe("draft");
  });

  it("resets a connection: configuration and sessions go, connection.deleted is recorded", async () => {
    const { connection } = await configuredConnection("Reset Co");
    const { sessionId } = await openRequest(connection.organizationId, connection.id);
    await deleteConnection(portal(connection.organizationId), connection.id);
    await expect(getConnection(system(), connection.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await handle.db.select().from(ssoSessions).where(eq(ssoSessions.id, sessionId))).toEqual([]);
    const deleted = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, connection.organizationId), eq(events.event, "connection.deleted")));
    expect(deleted).toHaveLength(1);
  });
});

describe("the ACS against the database", () => {
  it("check 8: refuses an assertion ID seen before, even answering a new request", async () => {
    const { connection } = await configuredConnection("Replay Co");
    const assertionId = samlId();
    const first = await openRequest(connection.organizationId, connection.id);
    await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, first.requestId, { assertionId }),
      clientAddress: "192.0.2.10",
      now: new Date(),
    });
    expect((await sessionState(first.sessionId)).state).toBe("successful");
    const second = await openRequest(connection.organizationId, connection.id);
    await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, second.requestId, { assertionId }),
      clientAddress: "192.0.2.10",
      now: new Date(),
    });
    expect(await sessionState(second.sessionId)).toMatchObject({ state: "failed", errorCode: "replayed_assertion" });
  });

  it("check 7: refuses an answer to an expired request, and to one Portico never issued", async () => {
    const { connection } = await configuredConnection("Expiry Co");
    const { requestId } = await openRequest(connection.organizationId, connection.id);
    const late = new Date(Date.now() + 16 * 60_000);
    const outcome = await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, requestId, { issueInstant: late }),
      clientAddress: "192.0.2.10",
      now: late,
    });
    expect(outcome).toMatchObject({ kind: "page", code: "unknown_request" });
    const invented = await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, "_never_issued"),
      clientAddress: "192.0.2.10",
      now: new Date(),
    });
    expect(invented).toMatchObject({ kind: "page", code: "unknown_request" });
    const logged = await listSsoSessions(portal(connection.organizationId), { connectionId: connection.id });
    expect(logged.filter((s) => s.errorCode === "unknown_request")).toHaveLength(2);
  });

  it("accepts one of two concurrent posts of the same response", async () => {
    const { connection } = await configuredConnection("Race Co");
    const { requestId, sessionId } = await openRequest(connection.organizationId, connection.id);
    const samlResponse = responseFor(connection.id, requestId);
    await Promise.all(
      [0, 1, 2].map(() =>
        consumeSamlResponse(idpContext(handle.db, "saml"), { connectionId: connection.id, samlResponse, clientAddress: "192.0.2.10", now: new Date() }),
      ),
    );
    const attempts = await listSsoSessions(portal(connection.organizationId), { connectionId: connection.id });
    expect(attempts.filter((s) => s.state === "successful").map((s) => s.id)).toEqual([sessionId]);
    expect(attempts.filter((s) => s.state === "failed")).toHaveLength(2);
  });
});

describe("what junk posted to the ACS can store", () => {
  const junk = (n: number) => Buffer.from(`<junk n="${n}">${"é".repeat(300_000)}</junk>`).toString("base64");

  it("keeps the last 100 failed unsolicited attempts, cuts each response to 64 KiB, and Test sign-in still works", async () => {
    const { connection } = await configuredConnection("Junk Co");
    const now = new Date();
    for (let i = 0; i < KEPT_FAILED_UNSOLICITED_ATTEMPTS + 20; i++) {
      const outcome = await consumeSamlResponse(idpContext(handle.db, "saml"), {
        connectionId: connection.id,
        samlResponse: junk(i),
        clientAddress: `198.51.100.${i % 4}`,
        now,
      });
      expect(outcome).toMatchObject({ kind: "page", status: 400 });
    }
    const { sessionId, requestId } = await openRequest(connection.organizationId, connection.id);
    await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, requestId),
      clientAddress: "198.51.100.9",
      now: new Date(),
    });
    const rows = await handle.db.select().from(ssoSessions).where(eq(ssoSessions.connectionId, connection.id));
    expect(rows).toHaveLength(KEPT_FAILED_UNSOLICITED_ATTEMPTS + 1);
    expect(rows.find((r) => r.id === sessionId)).toMatchObject({ state: "successful", responseTruncated: false });
    const failed = rows.filter((r) => r.state === "failed");
    // The newest are kept: the first twenty attempts went.
    expect(failed.some((r) => r.responseXml!.startsWith('<junk n="0">'))).toBe(false);
    expect(failed.some((r) => r.responseXml!.startsWith(`<junk n="${KEPT_FAILED_UNSOLICITED_ATTEMPTS + 19}">`))).toBe(true);
    for (const row of failed) {
      expect(row.responseTruncated).toBe(true);
      expect(Buffer.byteLength(row.responseXml!, "utf8")).toBeLessThanOrEqual(MAX_STORED_RESPONSE_BYTES);
      expect(row.responseXml).not.toContain("\uFFFD");
    }
    // The debugger shows a cut response as it is, and says it was cut.
    const detail = await getSsoSession(portal(connection.organizationId), failed[0]!.id);
    expect(detail).toMatchObject({ responseTruncated: true, errorCode: expect.any(String) });
    expect(detail.responseXml!.startsWith("<junk")).toBe(true);
  });

  it("limits unsolicited responses per connection from any number of addresses, never an answer to its own request", { timeout: 240_000 }, async () => {
    const { connection } = await configuredConnection("Flood Co");
    const now = new Date();
    const small = Buffer.from("<junk/>").toString("base64");
    for (let i = 0; i < UNSOLICITED_RESPONSES_PER_CONNECTION_PER_MINUTE; i++) {
      await consumeSamlResponse(idpContext(handle.db, "saml"), {
        connectionId: connection.id,
        samlResponse: small,
        clientAddress: `2001:db8::${i.toString(16)}`,
        now,
      });
    }
    const refused = await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: small,
      clientAddress: "2001:db8::ffff",
      now,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const { sessionId, requestId } = await openRequest(connection.organizationId, connection.id);
    const outcome = await consumeSamlResponse(idpContext(handle.db, "saml"), {
      connectionId: connection.id,
      samlResponse: responseFor(connection.id, requestId),
      clientAddress: "2001:db8::ffff",
      now: new Date(),
    });
    expect(outcome.kind).toBe("redirect");
    expect((await sessionState(sessionId)).state).toBe("successful");
    const kept = await handle.db.select({ id: ssoSessions.id }).from(ssoSessions).where(eq(ssoSessions.connectionId, connection.id));
    expect(kept.length).toBeLessThanOrEqual(KEPT_FAILED_UNSOLICITED_ATTEMPTS + 1);
  });
});
