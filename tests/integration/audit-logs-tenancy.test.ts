import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogExports } from "@/db/schema";
import { createAuditLogEvent } from "@/server/services/audit-logs/ingest";
import { createAuditLogExport } from "@/server/services/audit-logs/exports";
import { createOrganization } from "@/server/services/organizations";
import { createDirectory, rotateDirectoryToken } from "@/server/services/directory-sync";
import { deleteLogStream, saveLogStream, testLogStream } from "@/server/services/log-streams";
import { createSetupLink, revokeSetupLink } from "@/server/services/portal";
import { exchangePortalLink, generatePortalLink, resolvePortalSession } from "@/server/services/portal";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/routers/_app";
import { apiContext, asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { publicContext } from "@/server/services/context";

let handle: DbHandle;
const factory = createCallerFactory(appRouter);

async function portalCallerFor(organizationId: string, intent: "audit_logs" | "log_streams") {
  const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
  const { link } = await generatePortalLink(system, { organization: organizationId, intent });
  const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: link.split("/").at(-1)!, clientIp: "192.0.2.1" });
  if (!exchanged.ok) throw new Error(exchanged.reason);
  const resolved = await resolvePortalSession(handle.db, exchanged.sessionToken);
  if (!resolved.ok) throw new Error(resolved.reason);
  return factory({ db: handle.db, staff: null, portal: resolved.session }).portal;
}

async function portalFor(organizationId: string) {
  return (await portalCallerFor(organizationId, "audit_logs")).auditLogs;
}

async function record(organizationId: string, actor: string) {
  await createAuditLogEvent(apiContext(handle.db), {
    organization_id: organizationId,
    event: {
      action: "user.signed_in",
      occurred_at: new Date().toISOString(),
      actor: { id: actor, name: actor, type: "user" },
      targets: [],
      context: { location: "192.0.2.9" },
    },
  });
}

async function code(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : String(e)),
  );
}

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("audit-log tenancy in the portal", () => {
  it("shows and exports only the session's organization, whatever ids the IT admin sends", async () => {
    const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
    const a = await createOrganization(system, { name: "Tenant A" });
    const b = await createOrganization(system, { name: "Tenant B" });
    await record(a.id, "alice");
    await record(b.id, "bob");
    const asB = await portalFor(b.id);

    const page = await asB.list({});
    expect(page.data.map((e) => e.actor.id)).toEqual(["bob"]);
    // An organization id slipped into the input is not part of the portal's input and changes nothing.
    const smuggled = await asB.list({ organizationId: a.id } as never);
    expect(smuggled.data.map((e) => e.actor.id)).toEqual(["bob"]);

    const aEvents = await (await portalFor(a.id)).list({});
    const aliceEvent = aEvents.data[0]!;
    expect(await code(asB.get({ id: aliceEvent.id }))).toBe("NOT_FOUND");

    const aExport = await createAuditLogExport(apiContext(handle.db), {
      organizationId: a.id,
      rangeStart: "2000-01-01T00:00:00Z",
      rangeEnd: "2100-01-01T00:00:00Z",
    });
    expect(await code(asB.getExport({ id: aExport.id }))).toBe("NOT_FOUND");
    const own = await asB.createExport({ organizationId: a.id } as never);
    const [row] = await handle.db.select().from(auditLogExports).where(eq(auditLogExports.id, own.id));
    expect(row!.organizationId).toBe(b.id);
  });
});

describe("Portico's own changes in the audit log", () => {
  it("records setup links and directory tokens with who changed them, for the IT admin to read", async () => {
    const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
    const org = await createOrganization(system, { name: "Own changes" });
    const admin = await asStaff(handle.db, "admin");
    await createSetupLink(admin, { organizationId: org.id, intents: ["sso", "audit_logs"] });
    await revokeSetupLink(admin, org.id);
    const directory = await createDirectory(apiContext(handle.db, "key_own"), { organizationId: org.id, type: "okta" });
    await rotateDirectoryToken(apiContext(handle.db, "key_own"), directory.id);

    const log = await (await portalFor(org.id)).list({});
    const seen = log.data.filter((e) => e.action.startsWith("portico.")).map((e) => [e.action, e.actor.type, e.actor.name ?? e.actor.id]);
    expect(seen).toEqual([
      ["portico.directory.token_regenerated", "api_key", "API key"],
      ["portico.setup_link.revoked", "staff", admin.actor.email],
      ["portico.setup_link.created", "staff", admin.actor.email],
    ]);
    const created = log.data.find((e) => e.action === "portico.setup_link.created")!;
    expect(created.metadata).toEqual({ intents: "sso,audit_logs" });
    expect(log.data.find((e) => e.action === "portico.directory.token_regenerated")!.targets[0]).toMatchObject({ id: directory.id, type: "directory" });
  });
});

describe("log stream changes in the audit log", () => {
  it("records each change to the stream and each test event with who made it, never its secrets or address", async () => {
    const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
    const org = await createOrganization(system, { name: "Stream changes" });
    const admin = await asStaff(handle.db, "admin");
    // A loopback literal: the outgoing-address guard refuses it before any packet leaves, and saving is still allowed.
    const stream = {
      kind: "https",
      url: "https://127.0.0.1:9/collect?token=in-the-url",
      format: "json",
      headers: [{ name: "Authorization", value: "Bearer stream-secret-4242" }],
    };
    await testLogStream(admin, { organizationId: org.id, stream });
    const created = await saveLogStream(admin, { organizationId: org.id, stream });
    expect(created.saved).toBe(true);
    await saveLogStream(admin, { organizationId: org.id, stream: { ...stream, format: "ndjson", headers: [{ name: "Authorization" }] } });
    const itAdmin = (await portalCallerFor(org.id, "log_streams")).logStreams;
    await itAdmin.setPaused({ paused: true });
    await itAdmin.setPaused({ paused: false });
    await itAdmin.test({ stream: { ...stream, headers: [{ name: "Authorization" }] } });
    await deleteLogStream(admin, { organizationId: org.id });

    const log = await (await portalFor(org.id)).list({});
    const changes = log.data.filter((e) => e.action.startsWith("portico.log_stream."));
    expect(changes.map((e) => [e.action, e.actor.type, e.context.location])).toEqual([
      ["portico.log_stream.deleted", "staff", "dashboard"],
      ["portico.log_stream.test_sent", "it_admin", "admin_portal"],
      ["portico.log_stream.resumed", "it_admin", "admin_portal"],
      ["portico.log_stream.paused", "it_admin", "admin_portal"],
      ["portico.log_stream.updated", "staff", "dashboard"],
      ["portico.log_stream.created", "staff", "dashboard"],
      ["portico.log_stream.test_sent", "staff", "dashboard"],
    ]);
    const streamId = created.saved ? created.stream.id : "";
    for (const change of changes.slice(0, -1)) expect(change.targets).toEqual([{ id: streamId, type: "log_stream", name: "HTTPS log stream" }]);
    // Before the first save there is no stream yet.
    expect(changes.at(-1)!.targets[0]).toMatchObject({ id: "log_stream_unsaved", type: "log_stream" });
    expect(changes.find((e) => e.action === "portico.log_stream.created")!.metadata).toMatchObject({ destination: "https", state: "active" });
    expect(changes.find((e) => e.action === "portico.log_stream.paused")!.metadata).toEqual({ destination: "https", previous_state: "active" });
    expect(changes.at(-1)!.metadata).toMatchObject({ destination: "https", answer: expect.stringContaining("private or loopback address") });
    const text = JSON.stringify(changes);
    expect(text).not.toContain("stream-secret-4242");
    expect(text).not.toContain("in-the-url");
  });
});
