import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { DbHandle } from "@/db/client";
import type { PortalIntent } from "@/db/schema";
import { flushScimRequestLog } from "@/server/services/directory-sync";
import { createOrganization } from "@/server/services/organizations";
import { exchangePortalLink, generatePortalLink, intentStatuses, resolvePortalSession } from "@/server/services/portal";
import { getStaffMember } from "@/server/services/staff";
import { createCallerFactory } from "@/server/trpc/init";
import { appRouter } from "@/server/trpc/routers/_app";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { inProcessScim } from "../support/scim-in-process";
import { publicContext } from "@/server/services/context";

/** The portal's Directory Sync procedures as an IT admin reaches them: a link, exchanged for a session. */
let handle: DbHandle;
const factory = createCallerFactory(appRouter);

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function itAdmin(name: string, intent: PortalIntent = "dsync") {
  const system = { db: handle.db, actor: { type: "system" as const, reason: "test" } };
  const organization = await createOrganization(system, { name });
  const { link } = await generatePortalLink(system, { organization: organization.id, intent });
  const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: link.split("/").at(-1)!, clientIp: "192.0.2.7" });
  if (!exchanged.ok) throw new Error(exchanged.reason);
  const resolved = await resolvePortalSession(handle.db, exchanged.sessionToken);
  if (!resolved.ok) throw new Error(resolved.reason);
  return { organization, portal: factory({ db: handle.db, staff: null, portal: resolved.session }).portal.directorySync };
}

/** An identity provider calling the directory's SCIM endpoint with what the portal showed. */
function idp(directoryId: string, token: string) {
  return inProcessScim(handle.db, directoryId, token);
}

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

describe("setting up a directory in the portal", () => {
  it("creates the directory in the session's organization, shows the token once, and links on the first SCIM request", async () => {
    const { organization, portal } = await itAdmin("Setup Co");
    expect(await portal.list()).toEqual([]);
    const created = await portal.create({ type: "entra" });
    expect(created).toMatchObject({
      organization_id: organization.id,
      type: "azure scim v2.0",
      state: "unlinked",
      scim_base_url: expect.stringMatching(/\/scim\/v2\/directory_/),
    });
    expect(created.bearer_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const before = await portal.overview({ directoryId: created.id });
    expect(before).toMatchObject({ userCount: 0, groupCount: 0, lastSyncAt: null, directory: { state: "unlinked" } });
    expect(JSON.stringify(before)).not.toContain(created.bearer_token);

    const scim = idp(created.id, created.bearer_token);
    const alice = (await scim("POST", "/Users", { userName: "alice@setup.example.com", name: { givenName: "Alice", familyName: "Ng" } })).body;
    await scim("POST", "/Groups", { displayName: "Engineering", members: [{ value: alice.id }] });
    await flushScimRequestLog();
    expect((await intentStatuses(handle.db, organization.id, ["dsync"])).dsync).toBe("complete");
    const after = await portal.overview({ directoryId: created.id });
    expect(after).toMatchObject({ userCount: 1, groupCount: 1, directory: { state: "linked" } });
    expect(after.lastSyncAt).not.toBeNull();
    expect(after.activity.at(-1)!.count).toBe(2);
    expect(after.recentRequests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(["POST /Groups 201", "POST /Users 201"]);
    expect(await portal.list()).toEqual([expect.objectContaining({ userCount: 1, groupCount: 1, syncedGroupCount: 1 })]);
  });

  it("refuses an unknown provider with a field error", async () => {
    const { portal } = await itAdmin("Typo Co");
    await expect(portal.create({ type: "oktaa" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("managing a directory in the portal", () => {
  it("regenerates the token: the old one stops working at once", async () => {
    const { portal } = await itAdmin("Rotate Co");
    const created = await portal.create({ type: "okta" });
    expect((await idp(created.id, created.bearer_token)("GET", "/Users")).status).toBe(200);
    const rotated = await portal.rotateToken({ directoryId: created.id });
    expect(rotated.bearer_token).not.toBe(created.bearer_token);
    expect((await idp(created.id, created.bearer_token)("GET", "/Users")).status).toBe(401);
    expect((await idp(created.id, rotated.bearer_token)("GET", "/Users")).status).toBe(200);
  });

  it("resets the directory: every user and group goes, a new token is issued, and it waits for a first sync", async () => {
    const { portal } = await itAdmin("Reset Co");
    const created = await portal.create({ type: "okta" });
    const scim = idp(created.id, created.bearer_token);
    await scim("POST", "/Users", { userName: "gone@reset.example.com" });
    await scim("POST", "/Groups", { displayName: "Gone" });
    await flushScimRequestLog();
    expect((await portal.overview({ directoryId: created.id })).recentRequests).toHaveLength(2);
    const issued = await portal.reset({ directoryId: created.id });
    expect((await scim("GET", "/Users")).status).toBe(401);
    // The old setup's history goes with it: nothing has synced since the reset.
    expect(await portal.overview({ directoryId: created.id })).toMatchObject({
      userCount: 0,
      groupCount: 0,
      lastSyncAt: null,
      recentRequests: [],
      directory: { state: "unlinked" },
    });
    expect((await idp(created.id, issued.bearer_token)("GET", "/Users")).body.totalResults).toBe(0);
  });

  it("maps attributes, recomputes users, and names the bad entry of a map", async () => {
    const { portal } = await itAdmin("Map Co");
    const created = await portal.create({ type: "generic" });
    const ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    const user = (await idp(created.id, created.bearer_token)("POST", "/Users", { userName: "m@map.example.com", title: "SRE", [ent]: { costCenter: "CC-9" } }))
      .body;
    await portal.updateAttributeMap({ directoryId: created.id, map: { cost_center: `${ent}:costCenter`, job_title: "title" } });
    expect((await portal.user({ userId: user.id })).custom_attributes).toEqual({ cost_center: "CC-9", job_title: "SRE" });
    expect((await portal.overview({ directoryId: created.id })).attributeMap).toEqual({ cost_center: `${ent}:costCenter`, job_title: "title" });
    const refused = await portal.updateAttributeMap({ directoryId: created.id, map: { team: "emails[type eq" } }).catch((e: TRPCError) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect(await trpcCode(portal.updateAttributeMap({ directoryId: created.id, map: { "Bad Name": "title" } }))).toBe("BAD_REQUEST");
  });

  it("syncs only the chosen groups, lists and searches their users, and re-exposes the rest when all groups sync again", async () => {
    const { portal } = await itAdmin("Groups Co");
    const created = await portal.create({ type: "okta" });
    const scim = idp(created.id, created.bearer_token);
    const ids: string[] = [];
    for (const name of ["ada", "bob", "cy"])
      ids.push((await scim("POST", "/Users", { userName: `${name}@groups.example.com`, name: { givenName: name, familyName: "Doe" } })).body.id);
    const eng = (await scim("POST", "/Groups", { displayName: "Engineering", members: [{ value: ids[0] }, { value: ids[1] }] })).body;
    await scim("POST", "/Groups", { displayName: "Sales", members: [{ value: ids[2] }] });
    expect((await portal.groupChoices({ directoryId: created.id })).map((g) => [g.name, g.selected])).toEqual([
      ["Engineering", true],
      ["Sales", true],
    ]);

    await portal.updateGroupFilter({ directoryId: created.id, groups: [eng.id] });
    expect((await portal.groupChoices({ directoryId: created.id })).map((g) => [g.name, g.selected])).toEqual([
      ["Engineering", true],
      ["Sales", false],
    ]);
    const synced = await portal.users({ directoryId: created.id });
    expect(synced.data.map((u) => u.raw_attributes.userName).sort()).toEqual(["ada@groups.example.com", "bob@groups.example.com"]);
    expect(synced.data[0]!.groups.map((g) => g.name)).toEqual(["Engineering"]);
    expect(await trpcCode(portal.user({ userId: ids[2]! }))).toBe("NOT_FOUND");
    expect((await portal.users({ directoryId: created.id, search: "BOB" })).data.map((u) => u.raw_attributes.userName)).toEqual(["bob@groups.example.com"]);

    const page = await portal.users({ directoryId: created.id, limit: 1 });
    expect(page.data).toHaveLength(1);
    const next = await portal.users({ directoryId: created.id, limit: 1, after: page.listMetadata.after! });
    expect(next.data[0]!.id).not.toBe(page.data[0]!.id);

    await portal.updateGroupFilter({ directoryId: created.id, groups: null });
    expect((await portal.users({ directoryId: created.id })).data).toHaveLength(3);
  });
});

describe("portal scoping", () => {
  it("answers another organization's directory, users and groups with not found, for reads and changes alike", async () => {
    const a = await itAdmin("Tenant A Co");
    const b = await itAdmin("Tenant B Co");
    const created = await a.portal.create({ type: "okta" });
    const scim = idp(created.id, created.bearer_token);
    const user = (await scim("POST", "/Users", { userName: "secret@a.example.com" })).body;
    const group = (await scim("POST", "/Groups", { displayName: "A only" })).body;
    const directoryId = created.id;
    const attempts: Record<string, () => Promise<unknown>> = {
      overview: () => b.portal.overview({ directoryId }),
      rotateToken: () => b.portal.rotateToken({ directoryId }),
      reset: () => b.portal.reset({ directoryId }),
      updateAttributeMap: () => b.portal.updateAttributeMap({ directoryId, map: { department: "title" } }),
      groupChoices: () => b.portal.groupChoices({ directoryId }),
      updateGroupFilter: () => b.portal.updateGroupFilter({ directoryId, groups: [group.id] }),
      users: () => b.portal.users({ directoryId }),
      user: () => b.portal.user({ userId: user.id }),
    };
    for (const [name, attempt] of Object.entries(attempts)) expect(await trpcCode(attempt()), name).toBe("NOT_FOUND");
    expect(await b.portal.list()).toEqual([]);
    // Nothing changed for A: its token still works and its settings are untouched.
    expect((await scim("GET", `/Users/${user.id}`)).status).toBe(200);
    expect((await a.portal.overview({ directoryId })).groupFilter).toBeNull();
  });

  it("refuses a session whose link does not include Directory Sync, and lets staff read every organization's directories", async () => {
    const sso = await itAdmin("SSO Only Co", "sso");
    expect(await trpcCode(sso.portal.list())).toBe("FORBIDDEN");
    const a = await itAdmin("Staff View Co");
    const created = await a.portal.create({ type: "onelogin" });
    await idp(created.id, created.bearer_token)("POST", "/Users", { userName: "seen@staff.example.com" });
    const viewer = await asStaff(handle.db, "viewer");
    const staff = factory({ db: handle.db, staff: await getStaffMember(handle.db, viewer.actor.staffId), portal: null }).directories;
    expect(await staff.list({ organizationId: a.organization.id })).toEqual([
      expect.objectContaining({ userCount: 1, directory: expect.objectContaining({ id: created.id }) }),
    ]);
    expect((await staff.users({ directoryId: created.id })).data.map((u) => u.raw_attributes.userName)).toEqual(["seen@staff.example.com"]);
  });
});
