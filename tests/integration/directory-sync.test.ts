import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { events } from "@/db/schema";
import { handleScimRequest } from "@/server/api/scim-route";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import {
  createDirectory,
  flushScimRequestLog,
  getDirectoryOverview,
  getDirectoryUser,
  listDirectoryRequests,
  listDirectoryUsers,
  resetDirectory,
  updateAttributeMap,
  updateGroupFilter,
} from "@/server/services/directory-sync";
import { createOrganization } from "@/server/services/organizations";
import { intentStatuses } from "@/server/services/portal";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";

/** Directory Sync rules on a real database, with SCIM requests handled in-process as the route handles them. */
let handle: DbHandle;
let system: ServiceContext;

beforeAll(async () => {
  handle = await createTestDb();
  system = { db: handle.db, actor: { type: "system", reason: "test" } };
});
afterAll(async () => {
  await handle?.close();
});

async function setup(name: string) {
  const organization = await createOrganization(system, { name });
  const directory = await createDirectory(system, { organizationId: organization.id, type: "okta" });
  const scim = async (method: string, path: string, body?: unknown, token = directory.bearer_token) => {
    const response = await handleScimRequest(
      handle.db,
      new Request(`http://localhost/scim/v2/${directory.id}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/scim+json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      { directoryId: directory.id, path: path.split("?")[0]!.split("/").filter(Boolean) },
    );
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const eventsOf = async (prefix = "dsync.") =>
    handle.db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, organization.id), like(events.event, `${prefix}%`)))
      .orderBy(events.id);
  return { organization, directory, scim, eventsOf };
}

describe("first sync", () => {
  it("links the directory, emits dsync.activated and completes the dsync intent in the first successful request", async () => {
    const { organization, directory, scim, eventsOf } = await setup("First Sync Org");
    expect((await intentStatuses(handle.db, organization.id, ["dsync"])).dsync).toBe("in_progress");
    expect((await scim("GET", "/Users", undefined, "wrong")).status).toBe(401);
    expect((await eventsOf()).map((e) => e.event)).toEqual(["dsync.token.created"]);
    expect((await scim("GET", "/Users")).status).toBe(200);
    expect((await intentStatuses(handle.db, organization.id, ["dsync"])).dsync).toBe("complete");
    const list = await eventsOf();
    expect(list.map((e) => e.event)).toEqual(["dsync.token.created", "dsync.activated"]);
    expect(list[1]!.data).toMatchObject({ id: directory.id, state: "active", external_key: expect.any(String), domains: [] });
    expect(list[0]!.data).toMatchObject({ object: "directory_token", directory_id: directory.id, token_suffix: directory.bearer_token.slice(-4) });
    const overview = await getDirectoryOverview(system, directory.id);
    expect(overview.directory.state).toBe("linked");
  });
});

describe("events", () => {
  it("emits user and group events with previous_attributes on updates", async () => {
    const { scim, eventsOf } = await setup("Events Org");
    const user = (await scim("POST", "/Users", { userName: "lin@example.com", name: { givenName: "Lin", familyName: "Ng" }, active: true })).body;
    await scim("PATCH", `/Users/${user.id}`, { Operations: [{ op: "Replace", path: "name.givenName", value: "Linh" }] });
    const group = (await scim("POST", "/Groups", { displayName: "Ops" })).body;
    await scim("PATCH", `/Groups/${group.id}`, { Operations: [{ op: "Add", path: "members", value: [{ value: user.id }] }] });
    await scim("PATCH", `/Groups/${group.id}`, { Operations: [{ op: "Replace", path: "displayName", value: "Operations" }] });
    await scim("PATCH", `/Groups/${group.id}`, { Operations: [{ op: "Remove", path: "members", value: [{ value: user.id }] }] });
    await scim("DELETE", `/Users/${user.id}`);
    await scim("DELETE", `/Groups/${group.id}`);
    const list = await eventsOf();
    expect(list.map((e) => e.event)).toEqual([
      "dsync.token.created",
      "dsync.activated",
      "dsync.user.created",
      "dsync.user.updated",
      "dsync.group.created",
      "dsync.group.user_added",
      "dsync.group.updated",
      "dsync.group.user_removed",
      "dsync.user.deleted",
      "dsync.group.deleted",
    ]);
    const updated = list.find((e) => e.event === "dsync.user.updated")!.data;
    expect(updated).toMatchObject({
      first_name: "Linh",
      previous_attributes: { first_name: "Lin", raw_attributes: { name: { givenName: "Lin", familyName: "Ng" } } },
    });
    expect(list.find((e) => e.event === "dsync.group.updated")!.data).toMatchObject({ name: "Operations", previous_attributes: { name: "Ops" } });
    expect(list.find((e) => e.event === "dsync.group.user_added")!.data).toMatchObject({ user: { id: user.id }, group: { id: group.id } });
  });
});

describe("groups sync and attribute map", () => {
  it("hides users outside the chosen groups from the API and their events, and re-exposes them", async () => {
    const { directory, scim, eventsOf } = await setup("Filter Org");
    const inside = (await scim("POST", "/Users", { userName: "in@example.com" })).body;
    const outside = (await scim("POST", "/Users", { userName: "out@example.com" })).body;
    const chosen = (await scim("POST", "/Groups", { displayName: "Chosen", members: [{ value: inside.id }] })).body;
    await scim("POST", "/Groups", { displayName: "Other", members: [{ value: outside.id }] });
    await updateGroupFilter(system, directory.id, [chosen.id]);
    const users = await listDirectoryUsers(system, { directory: directory.id });
    expect(users.data.map((u) => u.id)).toEqual([inside.id]);
    expect(users.data[0]!.groups.map((g) => g.name)).toEqual(["Chosen"]);
    await expect(getDirectoryUser(system, outside.id)).rejects.toBeInstanceOf(NotFoundError);
    const before = (await eventsOf()).length;
    await scim("PATCH", `/Users/${outside.id}`, { Operations: [{ op: "replace", value: { title: "Hidden" } }] });
    expect((await eventsOf()).length).toBe(before);
    await updateGroupFilter(system, directory.id, null);
    expect((await listDirectoryUsers(system, { directory: directory.id })).data).toHaveLength(2);
    await expect(updateGroupFilter(system, directory.id, ["directory_group_01JZZZZZZZZZZZZZZZZZZZZZZZ"])).rejects.toMatchObject({
      code: "invalid_request_parameters",
    });
  });

  it("emits dsync.user.created when a user first becomes visible by joining a chosen group", async () => {
    const { directory, scim, eventsOf } = await setup("Visible Org");
    const chosen = (await scim("POST", "/Groups", { displayName: "Chosen" })).body;
    const second = (await scim("POST", "/Groups", { displayName: "Also chosen" })).body;
    await updateGroupFilter(system, directory.id, [chosen.id, second.id]);
    const user = (await scim("POST", "/Users", { userName: "late@example.com", name: { givenName: "Late", familyName: "Joiner" } })).body;
    expect((await eventsOf("dsync.user.")).map((e) => e.event)).toEqual([]);
    await scim("PATCH", `/Groups/${chosen.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }] });
    const afterJoin = (await eventsOf("dsync.")).filter((e) => e.event.startsWith("dsync.user.") || e.event.startsWith("dsync.group.user_"));
    expect(afterJoin.map((e) => e.event)).toEqual(["dsync.user.created", "dsync.group.user_added"]);
    expect(afterJoin[0]!.data).toMatchObject({ id: user.id, email: null, first_name: "Late", state: "active" });
    // Already visible: joining another chosen group is only a membership change.
    await scim("PATCH", `/Groups/${second.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }] });
    expect((await eventsOf("dsync.user.created")).length).toBe(1);
  });

  it("emits dsync.user.deleted and dsync.user.created as a new group filter hides and shows users", async () => {
    const { directory, scim, eventsOf } = await setup("Refilter Org");
    const inside = (await scim("POST", "/Users", { userName: "stays@example.com" })).body;
    const outside = (await scim("POST", "/Users", { userName: "goes@example.com" })).body;
    const chosen = (await scim("POST", "/Groups", { displayName: "Chosen", members: [{ value: inside.id }] })).body;
    const userEvents = async () => (await eventsOf("dsync.user.")).map((e) => `${e.event} ${(e.data as { id: string }).id}`);
    const before = (await userEvents()).length;
    await updateGroupFilter(system, directory.id, [chosen.id]);
    expect((await userEvents()).slice(before)).toEqual([`dsync.user.deleted ${outside.id}`]);
    await updateGroupFilter(system, directory.id, null);
    expect((await userEvents()).slice(before)).toEqual([`dsync.user.deleted ${outside.id}`, `dsync.user.created ${outside.id}`]);
  });

  it("recomputes every user's custom attributes when the map changes", async () => {
    const { directory, scim } = await setup("Map Org");
    const ent = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    const user = (
      await scim("POST", "/Users", {
        userName: "map@example.com",
        title: "Dev",
        [ent]: { division: "R&D" },
        emails: [{ type: "home", value: "h@example.com" }],
      })
    ).body;
    expect((await getDirectoryUser(system, user.id)).custom_attributes).toMatchObject({ job_title: "Dev", division: "R&D", department: null });
    await updateAttributeMap(system, directory.id, { unit: `${ent}:division`, home_email: 'emails[type eq "home"].value', role: "title" });
    expect((await getDirectoryUser(system, user.id)).custom_attributes).toEqual({ unit: "R&D", home_email: "h@example.com", role: "Dev" });
    await expect(updateAttributeMap(system, directory.id, { broken: "emails[type eq" })).rejects.toMatchObject({ code: "invalid_request_parameters" });
  });
});

describe("request log, reset and scoping", () => {
  it("logs each request with a redacted body and shows it on the directory", async () => {
    const { directory, scim } = await setup("Log Org");
    await scim("POST", "/Users", { userName: "log@example.com", password: "s3cret-pass" });
    await scim("GET", "/Users/nope");
    await flushScimRequestLog();
    const requests = await listDirectoryRequests(system, directory.id);
    expect(requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ["GET", "/Users/nope", 404],
      ["POST", "/Users", 201],
    ]);
    expect(requests[1]!.requestBody).toEqual({ userName: "log@example.com", password: "[redacted]" });
    expect(requests[1]!.durationMs).toBeGreaterThanOrEqual(0);
    const overview = await getDirectoryOverview(system, directory.id);
    expect(overview.userCount).toBe(1);
    expect(overview.activity.at(-1)!.count).toBe(1);
    expect(overview.lastSyncAt).not.toBeNull();
  });

  it("reset deletes every user and group and issues a new token", async () => {
    const { directory, scim, eventsOf } = await setup("Reset Org");
    await scim("POST", "/Users", { userName: "r@example.com" });
    await scim("POST", "/Groups", { displayName: "R" });
    const issued = await resetDirectory(await asStaff(handle.db, "admin"), directory.id);
    expect((await scim("GET", "/Users")).status).toBe(401);
    const after = await scim("GET", "/Users", undefined, issued.bearer_token);
    expect(after.body.totalResults).toBe(0);
    expect((await eventsOf()).map((e) => e.event)).toEqual(expect.arrayContaining(["dsync.user.deleted", "dsync.group.deleted", "dsync.token.revoked"]));
    expect((await eventsOf("dsync.token.")).map((e) => e.event)).toEqual(["dsync.token.created", "dsync.token.revoked", "dsync.token.created"]);
    await expect(resetDirectory(await asStaff(handle.db, "viewer"), directory.id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("answers another organization's portal session with not found", async () => {
    const a = await setup("Tenant A");
    const b = await setup("Tenant B");
    const portalB: ServiceContext = { db: handle.db, actor: { type: "portal", sessionId: "s", organizationId: b.organization.id, intents: ["dsync"] } };
    await expect(getDirectoryOverview(portalB, a.directory.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listDirectoryUsers(portalB, { directory: a.directory.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetDirectory(portalB, a.directory.id)).rejects.toBeInstanceOf(NotFoundError);
    const created = await createDirectory(portalB, { organizationId: a.organization.id, type: "generic" });
    expect(created.organization_id).toBe(b.organization.id);
    const noIntent: ServiceContext = { db: handle.db, actor: { type: "portal", sessionId: "s", organizationId: b.organization.id, intents: ["sso"] } };
    await expect(getDirectoryOverview(noIntent, b.directory.id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
