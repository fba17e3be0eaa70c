import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { createDirectory } from "@/server/services/directory-sync";
import { createOrganization } from "@/server/services/organizations";
import { apiContext } from "../support/context";
import { createTestDb } from "../support/db";
import { inProcessScimOk } from "../support/scim-in-process";

/**
 * A listed user (a page's users and their groups, read in two statements for the whole page) must hold the
 * same members with the same values as the user read alone (`GET /Users/:id`), for every kind of user, through
 * filters, `.search`, sorting and paging.
 */
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

describe("SCIM users on the wire", () => {
  it("lists each user with the same members and values as it is read alone", async () => {
    const organization = await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "SCIM Wire Co" });
    const directory = await createDirectory(apiContext(handle.db), { organizationId: organization.id, type: "entra" });
    const scim = inProcessScimOk(handle.db, directory.id, directory.bearer_token);
    const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    const ada = await scim("POST", "/Users", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User", enterprise],
      userName: "ada@example.com",
      externalId: "ext-ada",
      name: { givenName: "Ada", familyName: "Lovelace", formatted: 'Ada \u00e9 "L"' },
      emails: [{ value: "ada@example.com", primary: true, type: "work" }],
      [enterprise]: { department: "Engines", manager: { value: "boss" } },
      x_number: 2.5,
    });
    const bob = await scim("POST", "/Users", { userName: "bob@example.com", active: false });
    const carol = await scim("POST", "/Users", { userName: "carol@example.com", displayName: "Carol" });
    const group = await scim("POST", "/Groups", { displayName: "Readers \u4e2d", members: [{ value: ada.id }, { value: carol.id }] });
    await scim("POST", "/Groups", { displayName: "Alpha", members: [{ value: ada.id }] });
    await scim("PATCH", `/Users/${carol.id}`, { Operations: [{ op: "replace", path: "title", value: "Lead" }] });

    const listed = await scim("GET", "/Users?count=100");
    expect(listed).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 3 });
    const ids: string[] = listed.Resources.map((r: { id: string }) => r.id);
    expect(ids).toEqual([ada.id, bob.id, carol.id].sort());
    for (const resource of listed.Resources) expect(resource).toEqual(await scim("GET", `/Users/${resource.id}`));
    // A projection that keeps every attribute lists the same users.
    const projected = await scim("GET", `/Users?count=100&attributes=userName,name,emails,active,externalId,groups,title,displayName,x_number,${enterprise}`);
    expect(projected.Resources.map((r: { id: string }) => r.id)).toEqual(ids);

    const adaListed = listed.Resources.find((r: { id: string }) => r.id === ada.id);
    expect(adaListed.schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User", enterprise]);
    expect(adaListed.groups.map((g: { display: string }) => g.display)).toEqual(
      [
        { id: group.id, display: "Readers \u4e2d" },
        { id: adaListed.groups.find((g: { display: string }) => g.display === "Alpha").value, display: "Alpha" },
      ]
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((g) => g.display),
    );
    expect(adaListed.meta).toMatchObject({ resourceType: "User", version: 'W/"1"', location: `${directory.scim_base_url}/Users/${ada.id}` });
    expect(listed.Resources.find((r: { id: string }) => r.id === bob.id).schemas).toEqual(["urn:ietf:params:scim:schemas:core:2.0:User"]);

    const filtered = await scim("GET", `/Users?filter=${encodeURIComponent('userName eq "CAROL@example.com"')}`);
    expect(filtered).toMatchObject({ totalResults: 1, itemsPerPage: 1 });
    expect(filtered.Resources[0]).toEqual(await scim("GET", `/Users/${carol.id}`));
    const searched = await scim("POST", "/Users/.search", { filter: 'userName sw "a"', startIndex: 1, count: 10 });
    expect(searched.Resources).toEqual([await scim("GET", `/Users/${ada.id}`)]);
    expect(await scim("GET", "/Users?startIndex=3&count=5")).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
    // Sorting and paging together.
    const sorted = await scim("GET", "/Users?sortBy=userName&sortOrder=descending&startIndex=2&count=2");
    expect(sorted.Resources.map((r: { userName: string }) => r.userName)).toEqual(["bob@example.com", "ada@example.com"]);
    expect(sorted.Resources[0]).toEqual(await scim("GET", `/Users/${bob.id}`));
    expect(await scim("GET", "/Users?count=0")).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
    expect(await scim("GET", "/Users?startIndex=10")).toMatchObject({ totalResults: 3, itemsPerPage: 0, Resources: [] });
  });
});
