import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import { eq } from "drizzle-orm";
import { staff, type PortalIntent, type StaffRole } from "@/db/schema";
import { hashPassword } from "@/server/crypto/passwords";
import { createOrganization } from "@/server/services/organizations";
import { exchangePortalLink, generatePortalLink, resolvePortalSession, type PortalSession } from "@/server/services/portal";
import { getStaffMember } from "@/server/services/staff";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/routers/_app";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { projectRoot } from "../support/paths";
import {
  flatProcedureNames,
  otherAuthentication,
  portalProcedures,
  procedures,
  restRoutes,
  routeFiles,
  staffProcedures,
  type PortalEntry,
  type StaffEntry,
} from "../support/routes";
import { startServer, type RunningServer } from "../support/server";
import { publicContext } from "@/server/services/context";

/**
 * The authorization harness. Every tRPC procedure and every REST route is listed in tests/support/routes.ts
 * with who may call it; a new one that is not listed fails the first test, so none can skip its check.
 */
const rank: StaffRole[] = ["viewer", "admin", "owner"];

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `unexpected: ${String(error)}`;
  }
}

let exchanges = 0;

/** A live portal session for a new organization, made the way an IT admin gets one: a link, exchanged. */
async function portalSessionFor(handle: DbHandle, name: string, intent: PortalIntent): Promise<PortalSession> {
  const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
  const organization = await createOrganization(system, { name });
  const { link } = await generatePortalLink(system, { organization: organization.id, intent });
  // A client address per session: the link-exchange limit counts per address, and the harness opens many.
  const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), {
    token: link.split("/").at(-1)!,
    clientIp: `198.51.100.${++exchanges % 250}`,
  });
  if (!exchanged.ok) throw new Error(exchanged.reason);
  const resolved = await resolvePortalSession(handle.db, exchanged.sessionToken);
  if (!resolved.ok) throw new Error(resolved.reason);
  return resolved.session;
}

describe("tRPC authorization", () => {
  let handle: DbHandle;
  let portalA: PortalSession;
  let portalB: PortalSession;
  const factory = createCallerFactory(appRouter);
  const callers: Partial<Record<StaffRole | "anonymous", ReturnType<typeof factory>>> = {};

  beforeAll(async () => {
    handle = await createTestDb();
    callers.anonymous = factory({ db: handle.db, staff: null, portal: null });
    portalA = await portalSessionFor(handle, "Tenant A", "sso");
    portalB = await portalSessionFor(handle, "Tenant B", "dsync");
    // Each harness member gets a real password, so staff.changePassword can succeed for those allowed it.
    const passwordHash = await hashPassword("the harness password");
    for (const role of rank) {
      const ctx = await asStaff(handle.db, role);
      await handle.db.update(staff).set({ passwordHash }).where(eq(staff.id, ctx.actor.staffId));
      callers[role] = factory({ db: handle.db, staff: await getStaffMember(handle.db, ctx.actor.staffId), portal: null });
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  function invoke(caller: unknown, name: string, input: unknown) {
    const target = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    return code((target as (input: unknown) => Promise<unknown>)(input));
  }
  const call = (who: keyof typeof callers, name: string) => invoke(callers[who], name, (procedures[name] as StaffEntry).input);

  it("lists every procedure in the harness", () => {
    expect(flatProcedureNames()).toEqual(Object.keys(procedures).sort());
  });

  it.each(staffProcedures)("refuses %s without a session", async (name) => {
    expect(await call("anonymous", name)).toBe("UNAUTHORIZED");
  });

  it.each(staffProcedures)("refuses %s to an IT admin's portal session", async (name) => {
    expect(await invoke(factory({ db: handle.db, staff: null, portal: portalA }), name, (procedures[name] as StaffEntry).input)).toBe("UNAUTHORIZED");
  });

  it.each(portalProcedures)("refuses %s without a portal session, even to staff", async (name) => {
    const input = (procedures[name] as PortalEntry).input?.("sso");
    expect(await invoke(callers.anonymous, name, input)).toBe("UNAUTHORIZED");
    expect(await invoke(callers.owner, name, input)).toBe("UNAUTHORIZED");
  });

  it.each(portalProcedures)("keeps %s inside the session's organization and intents", async (name) => {
    const entry = procedures[name] as PortalEntry;
    const allowed = ["OK", "NOT_FOUND"];
    if (entry.intent) {
      const withIntent = await portalSessionFor(handle, `Has ${name}`, entry.intent);
      expect(allowed, name).toContain(await invoke(factory({ db: handle.db, staff: null, portal: withIntent }), name, entry.input?.(entry.intent)));
      const without = entry.intent === "sso" ? portalB : portalA;
      expect(await invoke(factory({ db: handle.db, staff: null, portal: without }), name, entry.input?.(entry.intent))).toBe("FORBIDDEN");
      return;
    }
    const asA = factory({ db: handle.db, staff: null, portal: portalA });
    expect(await invoke(asA, name, entry.input?.("sso"))).toBe("OK");
    if (entry.needsIntent) expect(await invoke(asA, name, entry.input?.("dsync"))).toBe("FORBIDDEN");
    // Organization B's session reaches only B: the organization never comes from input.
    const asB = factory({ db: handle.db, staff: null, portal: portalB });
    expect(await invoke(asB, name, entry.input?.("dsync"))).toBe("OK");
  });

  it("shows a portal session its own organization only", async () => {
    const overview = await factory({ db: handle.db, staff: null, portal: portalB }).portal.overview.get();
    expect(overview.organizationName).toBe("Tenant B");
    expect(overview.intents.map((i) => i.intent)).toEqual(["dsync"]);
  });

  it.each(staffProcedures)("lets only the right roles through %s", async (name) => {
    const minimum = (procedures[name] as StaffEntry).minimum;
    for (const role of rank) {
      const result = await call(role, name);
      if (rank.indexOf(role) < rank.indexOf(minimum)) expect(result, `${role} on ${name}`).toBe("FORBIDDEN");
      else expect(["OK", "NOT_FOUND"], `${role} on ${name}: ${result}`).toContain(result);
    }
  });
});

describe("REST authorization", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("lists every route handler in the harness", () => {
    const discovered = routeFiles(path.join(projectRoot, "app"));
    const keyed = discovered.filter((r) => !(r.route in otherAuthentication)).flatMap((r) => r.methods.map((m) => `${m} ${r.route}`));
    expect(keyed.sort()).toEqual(Object.keys(restRoutes).sort());
    for (const route of Object.keys(otherAuthentication)) expect(discovered.map((r) => r.route)).toContain(route);
  });

  it.each(Object.entries(restRoutes))("refuses %s without a key, with a wrong key and with a malformed header", async (route, target) => {
    const method = route.split(" ")[0]!;
    for (const authorization of [undefined, "Bearer sk_wrong", "Basic abc", `Bearer ${"sk_".padEnd(300, "x")}`]) {
      const response = await fetch(`${server.url}${target}`, {
        method,
        headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
        body: method === "GET" || method === "DELETE" ? undefined : JSON.stringify({ name: "x" }),
      });
      expect(response.status, `${route} with ${authorization}`).toBe(401);
      expect(await response.json()).toMatchObject({ code: "unauthorized" });
    }
  });

  it("refuses a tRPC mutation posted from another site, before any procedure runs", async () => {
    const attack = await fetch(`${server.url}/api/trpc/organizations.create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: "https://evil.example" },
      body: JSON.stringify({ name: "Planted" }),
    });
    expect(attack.status).toBe(403);
    const sameSite = await fetch(`${server.url}/api/trpc/organizations.create`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: server.url },
      body: JSON.stringify({ name: "Planted" }),
    });
    // Same site, but no session: the procedure's own check answers.
    expect(sameSite.status).toBe(401);
  });
});
