import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createDirectory, getDirectoryUser, listDirectoryUsers, listDirectoryUsersJson, updateGroupFilter } from "@/server/services/directory-sync";
import { createOrganization } from "@/server/services/organizations";
import { listEventsJson } from "@/server/services/events/list";
import { events } from "@/db/schema";
import { asc, eq } from "drizzle-orm";
import { apiContext, asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { inProcessScimOk } from "../support/scim-in-process";

/**
 * A page of `GET /directory_users` is built as JSON by Postgres, one user (with its groups) per row; a single
 * user (`GET /directory_users/:id`) and every event are built in JS from the row. The two must agree field for
 * field, in order, for every kind of value a user can hold, with and without a group filter.
 */
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("directory users on the wire", () => {
  it("lists each user exactly as it is read alone: same fields, same order, same values", async () => {
    const api = apiContext(handle.db);
    const organization = await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "Wire Co" });
    const directory = await createDirectory(api, { organizationId: organization.id, type: "okta" });
    const scim = inProcessScimOk(handle.db, directory.id, directory.bearer_token);
    const ada = await scim("POST", "/Users", {
      userName: "ada@example.com",
      externalId: "okta-ada",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada@example.com", primary: true }],
      title: 'Analyst \u00e9\u4e2d "quoted" \\ back',
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": { department: "Engines", employeeNumber: "7", manager: { value: "boss-1" } },
      phoneNumbers: [{ value: "+1 555", type: "work" }],
      x_score: 1.5,
      x_count: 12,
      x_flag: false,
      x_none: null,
    });
    const bob = await scim("POST", "/Users", { userName: "bob@example.com", active: false });
    const carol = await scim("POST", "/Users", { userName: "carol@example.com", name: { givenName: "Carol" } });
    const analysts = await scim("POST", "/Groups", { displayName: "Analysts", externalId: "g-1", members: [{ value: ada.id }, { value: bob.id }] });
    const zeta = await scim("POST", "/Groups", { displayName: "Zeta \u00fc", members: [{ value: ada.id }] });

    const compare = async () => {
      const listed = await listDirectoryUsers(api, { directory: directory.id, limit: 100 });
      const texts = await listDirectoryUsersJson(api, { directory: directory.id, limit: 100 });
      expect(texts.data.map((t) => JSON.parse(t.text))).toEqual(listed.data);
      for (const user of listed.data) {
        const alone = await getDirectoryUser(api, user.id);
        expect(Object.keys(user)).toEqual(Object.keys(alone));
        expect(user).toEqual(alone);
        for (const [i, group] of user.groups.entries()) expect(Object.keys(group)).toEqual(Object.keys(alone.groups[i]!));
      }
      return listed.data;
    };

    const all = await compare();
    expect(all.map((u) => u.id).sort()).toEqual([ada.id, bob.id, carol.id].sort());
    const adaListed = all.find((u) => u.id === ada.id)!;
    expect(adaListed.groups.map((g) => g.id)).toEqual([analysts.id, zeta.id].sort());
    expect(adaListed).toMatchObject({ state: "active", idp_id: "okta-ada", first_name: "Ada", raw_attributes: { x_score: 1.5, x_flag: false } });
    expect(adaListed.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(all.find((u) => u.id === bob.id)).toMatchObject({
      state: "inactive",
      idp_id: bob.id,
      email: null,
      groups: [expect.objectContaining({ id: analysts.id })],
    });

    // With a group filter only the chosen group's members are listed, each with only the chosen groups.
    const admin = await asStaff(handle.db, "admin");
    await updateGroupFilter(admin, directory.id, [zeta.id]);
    const filtered = await compare();
    expect(filtered.map((u) => [u.id, u.groups.map((g) => g.id)])).toEqual([[ada.id, [zeta.id]]]);
    await updateGroupFilter(admin, directory.id, []);
    expect(await compare()).toEqual([]);
  });

  it("lists events exactly as they are stored: same fields, same order, same values", async () => {
    const api = apiContext(handle.db);
    const organization = await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "Events Wire Co" });
    const directory = await createDirectory(api, { organizationId: organization.id, type: "okta" });
    const scim = inProcessScimOk(handle.db, directory.id, directory.bearer_token);
    await scim("POST", "/Users", { userName: "eve@example.com", name: { givenName: "Eve \u00e9" }, x_score: 0.25 });
    const page = await listEventsJson(api, { events: ["dsync.user.created", "dsync.activated"], organizationId: organization.id, limit: 10 });
    const stored = await handle.db.select().from(events).where(eq(events.organizationId, organization.id)).orderBy(asc(events.id));
    expect(stored.length).toBeGreaterThanOrEqual(2);
    const expected = stored
      .filter((row) => ["dsync.user.created", "dsync.activated"].includes(row.event))
      .map((row) => ({ object: "event", id: row.id, event: row.event, data: row.data, created_at: row.createdAt.toISOString() }));
    const listed = page.data.map((item) => JSON.parse(item.text));
    expect(listed).toEqual(expected);
    for (const [i, item] of listed.entries()) expect(Object.keys(item)).toEqual(Object.keys(expected[i]!));
  });
});
