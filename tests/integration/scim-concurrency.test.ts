import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entra, okta } from "../support/idp-replays";
import { startScimTestServer, type ScimClient, type ScimTestServer } from "../support/scim";

/** Concurrency and IdP replays against the built server: no lost update, no 5xx, one winner per userName. */
let t: ScimTestServer;
beforeAll(async () => {
  t = await startScimTestServer();
});
afterAll(async () => {
  await t?.server.stop();
});

/** Client `c`'s 50 operations: its own users and a shared group, so clients contend on one row. */
async function clientWork(scim: ScimClient, c: number, sharedGroup: string, statuses: number[]) {
  const call = async (method: string, path: string, body?: unknown) => {
    const r = await scim(method, path, body);
    statuses.push(r.status);
    return r;
  };
  const ids: string[] = [];
  for (let i = 0; i < 20; i++)
    ids.push((await call("POST", "/Users", { userName: `c${c}-u${i}@example.com`, name: { givenName: `C${c}`, familyName: `U${i}` } })).body.id);
  for (let i = 0; i < 10; i++)
    await call("PATCH", `/Groups/${sharedGroup}`, { Operations: [{ op: "add", path: "members", value: [{ value: ids[i * 2] }, { value: ids[i * 2 + 1] }] }] });
  for (let i = 0; i < 10; i++) await call("PATCH", `/Users/${ids[i]}`, { Operations: [{ op: "replace", path: "title", value: `Title ${c}-${i}` }] });
  for (let i = 0; i < 5; i++) await call("PATCH", `/Groups/${sharedGroup}`, { Operations: [{ op: "remove", path: `members[value eq "${ids[i]}"]` }] });
  for (let i = 15; i < 20; i++) await call("DELETE", `/Users/${ids[i]}`);
}

describe("concurrent IdP clients", () => {
  it("20 parallel clients doing 50 operations each end in the sequential result, without a 5xx", async () => {
    const dir = await t.newDirectory();
    const group = (await dir.scim("POST", "/Groups", { displayName: "Everyone" })).body.id;
    const statuses: number[] = [];
    await Promise.all(Array.from({ length: 20 }, (_, c) => clientWork(dir.scim, c, group, statuses)));
    expect(statuses).toHaveLength(1000);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s >= 400)).toEqual([]);

    // The same work, one client after another, in a second directory.
    const sequential = await t.newDirectory();
    const seqGroup = (await sequential.scim("POST", "/Groups", { displayName: "Everyone" })).body.id;
    for (let c = 0; c < 20; c++) await clientWork(sequential.scim, c, seqGroup, []);

    const snapshot = async (scim: ScimClient, groupId: string) => {
      const users = (await scim("GET", "/Users?count=1000&sortBy=userName")).body;
      const group = (await scim("GET", `/Groups/${groupId}`)).body;
      const names = new Map<string, string>(users.Resources.map((u: { id: string; userName: string }) => [u.id, u.userName]));
      return {
        total: users.totalResults,
        users: users.Resources.map((u: { userName: string; title?: string }) => `${u.userName}|${u.title ?? ""}`),
        members: group.members.map((m: { value: string }) => names.get(m.value)).sort(),
      };
    };
    const parallel = await snapshot(dir.scim, group);
    expect(parallel).toEqual(await snapshot(sequential.scim, seqGroup));
    expect(parallel.total).toBe(300);
    expect(parallel.members).toHaveLength(20 * 10);
  }, 180_000); // 1,000 requests: generous on a loaded shared machine; nothing here is timed.

  it("ten identical creates sent at once yield exactly one 201 and nine 409s", async () => {
    const dir = await t.newDirectory();
    const results = await Promise.all(Array.from({ length: 10 }, () => dir.scim("POST", "/Users", { userName: "Same.Person@example.com" })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    expect((await dir.scim("GET", "/Users")).body.totalResults).toBe(1);
  });
});

describe("IdP request sequences", () => {
  it("replays Okta: create, update profile, deactivate, reactivate, unassign; groups created, filled, emptied, renamed, deleted", async () => {
    const dir = await t.newDirectory("okta");
    const alice = { email: "alice@okta.example.com", givenName: "Alice", familyName: "Ng" };
    const id = await okta.createUser(dir.scim, alice);
    expect(await okta.createUser(dir.scim, alice)).toBe(id);
    await okta.updateProfile(dir.scim, id, { ...alice, givenName: "Alicia" }, "Staff Engineer");
    expect((await dir.scim("GET", `/Users/${id}`)).body).toMatchObject({ name: { givenName: "Alicia" }, title: "Staff Engineer" });
    await okta.setActive(dir.scim, id, false);
    expect((await dir.scim("GET", `/Users/${id}`)).body.active).toBe(false);
    await okta.setActive(dir.scim, id, true);
    expect((await dir.scim("GET", `/Users/${id}`)).body.active).toBe(true);
    const bob = await okta.createUser(dir.scim, { email: "bob@okta.example.com", givenName: "Bob", familyName: "Ray" });
    const group = await okta.createGroup(dir.scim, "Test SCIMv2");
    await okta.addMembers(dir.scim, group, [id, bob]);
    await okta.removeMember(dir.scim, group, id);
    await okta.renameGroup(dir.scim, group, "Renamed SCIMv2");
    const fetched = (await dir.scim("GET", `/Groups/${group}`)).body;
    expect(fetched.displayName).toBe("Renamed SCIMv2");
    expect(fetched.members.map((m: { value: string }) => m.value)).toEqual([bob]);
    await okta.setActive(dir.scim, id, false);
    await okta.deleteGroup(dir.scim, group);
    expect((await dir.scim("GET", `/Groups/${group}`)).status).toBe(404);
    const user = (await t.api("GET", `/directory_users/${id}`)).body;
    expect(user).toMatchObject({ state: "inactive", first_name: "Alicia", email: "alice@okta.example.com" });
    expect(user.raw_attributes.password).toBeUndefined();
  });

  it("replays Entra: create with manager, update profile, disable, enable, delete; groups add, check, remove, rename", async () => {
    const dir = await t.newDirectory("entra");
    const boss = await entra.createUser(dir.scim, { email: "boss@contoso.example.com", givenName: "Bea", familyName: "Boss" });
    const id = await entra.createUser(dir.scim, { email: "dev@contoso.example.com", givenName: "Dev", familyName: "One" }, boss);
    await entra.updateProfile(dir.scim, id, { email: "dev.one@contoso.example.com", familyName: "Uno", department: "Platform", manager: boss });
    const updated = (await t.api("GET", `/directory_users/${id}`)).body;
    expect(updated).toMatchObject({ email: "dev.one@contoso.example.com", last_name: "Uno", custom_attributes: { department: "Platform", manager_id: boss } });
    await entra.setActive(dir.scim, id, false);
    expect((await dir.scim("GET", `/Users/${id}`)).body.active).toBe(false);
    await entra.setActive(dir.scim, id, true);
    const group = await entra.createGroup(dir.scim, "Contoso Devs");
    await entra.addMembers(dir.scim, group, [id, boss]);
    expect(await entra.isMember(dir.scim, group, id)).toBe(true);
    await entra.removeMembers(dir.scim, group, [id]);
    expect(await entra.isMember(dir.scim, group, id)).toBe(false);
    expect(await entra.isMember(dir.scim, group, boss)).toBe(true);
    await entra.renameGroup(dir.scim, group, "Contoso Developers");
    expect((await t.api("GET", `/directory_groups/${group}`)).body.name).toBe("Contoso Developers");
    await entra.deleteUser(dir.scim, id);
    expect((await t.api("GET", `/directory_users/${id}`)).status).toBe(404);
  });
});
