import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import type { StaffRole } from "@/db/schema";
import { getStaffMember } from "@/server/services/staff";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/routers/_app";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { projectRoot } from "../support/paths";
import { startServer, type RunningServer } from "../support/server";

/**
 * The authorization harness. Every tRPC procedure and every REST route must be listed here with
 * who may call it; a new one that is not listed fails the first test, so none can skip its check.
 */
const procedures: Record<string, { minimum: StaffRole; input?: unknown }> = {
  "organizations.list": { minimum: "viewer", input: {} },
  "organizations.get": { minimum: "viewer", input: { id: "org_missing" } },
  "organizations.create": { minimum: "admin", input: { name: "Harness Org" } },
  "organizations.update": { minimum: "admin", input: { id: "org_missing", data: { name: "x" } } },
  "organizations.delete": { minimum: "admin", input: { id: "org_missing" } },
  "apiKeys.list": { minimum: "viewer" },
  "apiKeys.create": { minimum: "admin", input: { name: "Harness key" } },
  "apiKeys.revoke": { minimum: "admin", input: { id: "key_missing" } },
  "staff.me": { minimum: "viewer" },
  "staff.list": { minimum: "viewer" },
  "staff.invite": { minimum: "owner", input: { email: "new.person@vendor.example.com", role: "viewer" } },
  "staff.revokeInvitation": { minimum: "owner", input: { id: "invite_missing" } },
  "staff.changeRole": { minimum: "owner", input: { id: "user_missing", role: "viewer" } },
  "staff.remove": { minimum: "owner", input: { id: "user_missing" } },
};

/** REST routes (method and file path under app/) with a concrete path to call. */
const restRoutes: Record<string, string> = {
  "GET /organizations": "/organizations",
  "POST /organizations": "/organizations",
  "GET /organizations/[id]": "/organizations/org_missing",
  "PUT /organizations/[id]": "/organizations/org_missing",
  "DELETE /organizations/[id]": "/organizations/org_missing",
  "GET /organizations/external_id/[externalId]": "/organizations/external_id/missing",
};

/** Route handlers outside the API-key surface, each with the reason it is not key-authenticated. */
const otherAuthentication: Record<string, string> = {
  "/api/auth/[...nextauth]": "next-auth's own sign-in endpoints",
  "/api/trpc/[trpc]": "tRPC: each procedure's check is tested above",
};

const rank: StaffRole[] = ["viewer", "admin", "owner"];

function flatProcedureNames(): string[] {
  return Object.keys((appRouter._def as unknown as { procedures: Record<string, unknown> }).procedures).sort();
}

function routeFiles(dir: string, prefix = ""): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeFiles(full, `${prefix}/${entry}`));
    else if (/^route\.(ts|tsx)$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      const methods = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
      found.push({ route: prefix.replace(/\/\([^)]+\)/g, "") || "/", methods });
    }
  }
  return found;
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : `unexpected: ${String(error)}`;
  }
}

describe("tRPC authorization", () => {
  let handle: DbHandle;
  const factory = createCallerFactory(appRouter);
  const callers: Partial<Record<StaffRole | "anonymous", ReturnType<typeof factory>>> = {};

  beforeAll(async () => {
    handle = await createTestDb();
    callers.anonymous = factory({ db: handle.db, staff: null });
    for (const role of rank) {
      const ctx = await asStaff(handle.db, role);
      callers[role] = factory({ db: handle.db, staff: await getStaffMember(handle.db, ctx.actor.staffId) });
    }
  });
  afterAll(async () => {
    await handle?.close();
  });

  function call(who: keyof typeof callers, name: string) {
    const target = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], callers[who]);
    return code((target as (input: unknown) => Promise<unknown>)(procedures[name]!.input));
  }

  it("lists every procedure in the harness", () => {
    expect(flatProcedureNames()).toEqual(Object.keys(procedures).sort());
  });

  it.each(Object.keys(procedures))("refuses %s without a session", async (name) => {
    expect(await call("anonymous", name)).toBe("UNAUTHORIZED");
  });

  it.each(Object.keys(procedures))("lets only the right roles through %s", async (name) => {
    const minimum = procedures[name]!.minimum;
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
});
