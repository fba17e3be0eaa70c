import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { startScimTestServer, type ScimTestServer, type TestDirectory } from "../support/scim";

/** The directories API driven by the unchanged WorkOS Node SDK, with data provisioned over SCIM. */
let t: ScimTestServer;
let workos: WorkOS;
let dir: TestDirectory;
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

beforeAll(async () => {
  t = await startScimTestServer();
  workos = new WorkOS(t.apiKey, { apiHostname: "localhost", port: t.server.port, https: false });
  dir = await t.newDirectory("okta");
});
afterAll(async () => {
  await t?.server.stop();
});

describe("directorySync through @workos-inc/node", () => {
  it("lists, reads and deletes directories", async () => {
    const other = await t.newDirectory("entra");
    const listed = await workos.directorySync.listDirectories({ organizationId: other.organizationId });
    expect(listed.data).toEqual([expect.objectContaining({ id: other.id, type: "azure scim v2.0", organizationId: other.organizationId })]);
    const fetched = await workos.directorySync.getDirectory(dir.id);
    expect(fetched).toMatchObject({ object: "directory", id: dir.id, name: "Okta", type: "okta scim v2.0" });
    await workos.directorySync.deleteDirectory(other.id);
    await expect(workos.directorySync.getDirectory(other.id)).rejects.toBeInstanceOf(NotFoundException);
    expect((await other.scim("GET", "/Users")).status).toBe(401);
  });

  it("returns users with their groups, custom attributes and raw attributes", async () => {
    const ada = await dir.scim("POST", "/Users", {
      userName: "ada@example.com",
      externalId: "okta-ada",
      name: { givenName: "Ada", familyName: "Lovelace" },
      emails: [{ value: "ada@example.com", primary: true, type: "work" }],
      title: "Analyst",
      [enterprise]: { department: "Engines", costCenter: "CC-1", manager: { value: "boss-1" } },
    });
    const group = await dir.scim("POST", "/Groups", { displayName: "Analysts", members: [{ value: ada.body.id }] });
    const user = await workos.directorySync.getUser(ada.body.id);
    expect(user).toMatchObject({
      id: ada.body.id,
      idpId: "okta-ada",
      directoryId: dir.id,
      organizationId: dir.organizationId,
      email: "ada@example.com",
      firstName: "Ada",
      lastName: "Lovelace",
      state: "active",
      customAttributes: { department: "Engines", job_title: "Analyst", cost_center: "CC-1", manager_id: "boss-1" },
    });
    expect(user.rawAttributes).toMatchObject({ userName: "ada@example.com", title: "Analyst" });
    expect(user.groups).toEqual([expect.objectContaining({ id: group.body.id, name: "Analysts", directoryId: dir.id })]);
    const byGroup = await workos.directorySync.listUsers({ group: group.body.id });
    expect(byGroup.data.map((u) => u.id)).toEqual([ada.body.id]);
    const groups = await workos.directorySync.listGroups({ user: ada.body.id });
    expect(groups.data.map((g) => g.name)).toEqual(["Analysts"]);
    expect((await workos.directorySync.getGroup(group.body.id)).idpId).toBe(group.body.id);
    await dir.scim("PATCH", `/Users/${ada.body.id}`, { Operations: [{ op: "replace", value: { active: false } }] });
    expect((await workos.directorySync.getUser(ada.body.id)).state).toBe("inactive");
  });

  it("walks 1,000 users with autoPagination()", async () => {
    const d = await t.newDirectory();
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          d.scim("POST", "/Users", { userName: `walker${String(i + j).padStart(4, "0")}@example.com`, name: { givenName: "W", familyName: String(i + j) } }),
        ),
      );
      expect(batch.every((r) => r.status === 201)).toBe(true);
    }
    const all = await (await workos.directorySync.listUsers({ directory: d.id })).autoPagination();
    expect(all).toHaveLength(1000);
    expect(new Set(all.map((u) => u.id)).size).toBe(1000);
    expect(all.every((u) => Array.isArray(u.groups))).toBe(true);
  });

  it("refuses a user list without a directory or group, and hides other organizations' ids", async () => {
    await expect(workos.directorySync.listUsers({})).rejects.toBeInstanceOf(UnprocessableEntityException);
    await expect(workos.directorySync.getUser("directory_user_01JZZZZZZZZZZZZZZZZZZZZZZZ")).rejects.toBeInstanceOf(NotFoundException);
    await expect(workos.directorySync.listUsers({ directory: "directory_01JZZZZZZZZZZZZZZZZZZZZZZZ" })).rejects.toBeInstanceOf(NotFoundException);
  });
});
