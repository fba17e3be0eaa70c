import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogExports } from "@/db/schema";
import { createAuditLogEvent } from "@/server/services/audit-logs/ingest";
import { createAuditLogExport } from "@/server/services/audit-logs/exports";
import { createOrganization } from "@/server/services/organizations";
import { createDirectory, rotateDirectoryToken } from "@/server/services/directory-sync";
import { createSetupLink, revokeSetupLink } from "@/server/services/portal";
import { exchangePortalLink, generatePortalLink, resolvePortalSession } from "@/server/services/portal";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/routers/_app";
import { apiContext, asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { publicContext } from "@/server/services/context";

let handle: DbHandle;
const factory = createCallerFactory(appRouter);

async function portalFor(organizationId: string) {
  const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
  const { link } = await generatePortalLink(system, { organization: organizationId, intent: "audit_logs" });
  const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: link.split("/").at(-1)!, clientIp: "192.0.2.1" });
  if (!exchanged.ok) throw new Error(exchanged.reason);
  const resolved = await resolvePortalSession(handle.db, exchanged.sessionToken);
  if (!resolved.ok) throw new Error(resolved.reason);
  return factory({ db: handle.db, staff: null, portal: resolved.session }).portal.auditLogs;
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
