import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scimClient, startScimTestServer, type ScimTestServer, type TestDirectory } from "../support/scim";

/** The SCIM 2.0 server through HTTP, as identity providers call it, on the built app and a real database. */
let t: ScimTestServer;
let dir: TestDirectory;

beforeAll(async () => {
  t = await startScimTestServer();
  dir = await t.newDirectory();
});
afterAll(async () => {
  await t?.server.stop();
});

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName,
  name: { givenName: "Test", familyName: "User" },
  emails: [{ value: userName, type: "work", primary: true }],
  active: true,
  ...extra,
});

describe("authentication", () => {
  it("answers a missing, wrong, malformed or other directory's token with a SCIM 401", async () => {
    const other = await t.newDirectory();
    for (const authorization of ["", "Bearer wrong", "Basic abc", "non-token", `Bearer ${other.token}`]) {
      const response = await fetch(`${dir.baseUrl}/Users`, { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status, authorization).toBe(401);
      expect(await response.json()).toMatchObject({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" });
    }
    const unknown = await fetch(`${dir.baseUrl.replace(dir.id, "directory_01JZZZZZZZZZZZZZZZZZZZZZZZ")}/Users`, {
      headers: { Authorization: `Bearer ${dir.token}` },
    });
    expect(unknown.status).toBe(401);
  });

  it("marks a directory invalid_credentials after repeated bad tokens, and a regenerated token works at once", async () => {
    const d = await t.newDirectory();
    expect((await d.scim("GET", "/Users")).status).toBe(200);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("linked");
    for (let i = 0; i < 5; i++) expect((await scimClient(d.baseUrl, "stolen-or-stale")("GET", "/Users")).status).toBe(401);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("invalid_credentials");
    const rotated = await t.api("POST", `/directories/${d.id}/token`);
    expect(rotated.status).toBe(200);
    expect((await d.scim("GET", "/Users")).status).toBe(401);
    expect((await scimClient(d.baseUrl, rotated.body.bearer_token)("GET", "/Users")).status).toBe(200);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("linked");
  });
});

describe("a directory the server remembers between requests", () => {
  it("refuses the old token at once after rotation, even for a user create right after a good one", async () => {
    const d = await t.newDirectory();
    expect((await d.scim("POST", "/Users", user("first@example.com"))).status).toBe(201);
    const rotated = await t.api("POST", `/directories/${d.id}/token`);
    const stale = await d.scim("POST", "/Users", user("after-rotation@example.com"));
    expect(stale.status).toBe(401);
    expect(stale.body).toMatchObject({ status: "401" });
    const fresh = scimClient(d.baseUrl, rotated.body.bearer_token);
    expect((await fresh("GET", `/Users?filter=${encodeURIComponent('userName eq "after-rotation@example.com"')}`)).body.totalResults).toBe(0);
    expect((await fresh("POST", "/Users", user("after-rotation@example.com"))).status).toBe(201);
  });

  it("clears invalid_credentials on the next good create, and answers 401 once the directory is deleted", async () => {
    const d = await t.newDirectory();
    expect((await d.scim("POST", "/Users", user("one@example.com"))).status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await scimClient(d.baseUrl, "wrong")("POST", "/Users", user(`x${i}@example.com`))).status).toBe(401);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("invalid_credentials");
    expect((await d.scim("POST", "/Users", user("two@example.com"))).status).toBe(201);
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("linked");
    expect((await t.api("DELETE", `/directories/${d.id}`)).status).toBe(202);
    expect((await d.scim("POST", "/Users", user("three@example.com"))).status).toBe(401);
  });

  it("answers a malformed body from a rotated token with 401, not with what is wrong with the body", async () => {
    const d = await t.newDirectory();
    expect((await d.scim("POST", "/Users", user("known@example.com"))).status).toBe(201);
    await t.api("POST", `/directories/${d.id}/token`);
    expect((await d.scim("POST", "/Users", "{not json")).status).toBe(401);
  });

  it("gives every SCIM answer an X-Request-ID, keeping a sane one the client sent", async () => {
    expect((await dir.scim("GET", "/ServiceProviderConfig")).headers.get("x-request-id")).toMatch(/^[\w-]{36}$/);
    expect((await dir.scim("GET", "/Users", undefined, { "X-Request-ID": "okta-req-12345" })).headers.get("x-request-id")).toBe("okta-req-12345");
  });
});

describe("discovery endpoints", () => {
  it("serves ServiceProviderConfig, ResourceTypes and Schemas", async () => {
    const config = await dir.scim("GET", "/ServiceProviderConfig");
    expect(config.body).toMatchObject({ patch: { supported: true }, filter: { supported: true, maxResults: 1000 }, bulk: { supported: false } });
    const types = await dir.scim("GET", "/ResourceTypes");
    expect(types.body.Resources.map((r: { endpoint: string }) => r.endpoint)).toEqual(["/Users", "/Groups"]);
    const schemas = await dir.scim("GET", "/Schemas");
    expect(schemas.body.totalResults).toBe(3);
    expect((await dir.scim("GET", "/Schemas/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")).body.name).toBe("EnterpriseUser");
  });
});

describe("Users", () => {
  it("creates a user with meta and Location, and refuses the same userName in any case with 409 uniqueness", async () => {
    const created = await dir.scim("POST", "/Users", user("Grace.Hopper@example.com", { password: "never-stored" }));
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${dir.baseUrl}/Users/${created.body.id}`);
    expect(created.body).toMatchObject({
      userName: "Grace.Hopper@example.com",
      active: true,
      groups: [],
      meta: { resourceType: "User", location: `${dir.baseUrl}/Users/${created.body.id}` },
    });
    expect(created.body.password).toBeUndefined();
    const again = await dir.scim("POST", "/Users", user("grace.hopper@EXAMPLE.com"));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: "409", scimType: "uniqueness" });
  });

  it("finds users by userName case-insensitively", async () => {
    const found = await dir.scim("GET", `/Users?filter=${encodeURIComponent('userName eq "GRACE.HOPPER@example.COM"')}`);
    expect(found.body.totalResults).toBe(1);
    expect(found.body.Resources[0].userName).toBe("Grace.Hopper@example.com");
  });

  it("answers 400 invalidSyntax for malformed JSON, 400 for a missing userName, 404 for an unknown id", async () => {
    expect((await dir.scim("POST", "/Users", '{"userName": ')).body).toMatchObject({ status: "400", scimType: "invalidSyntax" });
    expect((await dir.scim("POST", "/Users", { name: { givenName: "x" } })).status).toBe(400);
    const missing = await dir.scim("GET", "/Users/directory_user_01JZZZZZZZZZZZZZZZZZZZZZZZ");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: "404", detail: expect.any(String) });
    expect((await dir.scim("GET", "/Users?filter=userName%20zz%20x")).body).toMatchObject({ status: "400", scimType: "invalidFilter" });
    expect((await dir.scim("GET", "/Widgets")).status).toBe(404);
  });

  it("counts totalResults exactly past the page size, and reads startIndex below 1 as 1", async () => {
    const d = await t.newDirectory();
    for (let i = 0; i < 1050; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => d.scim("POST", "/Users", user(`bulk${String(i + j).padStart(4, "0")}@example.com`))));
    }
    const page = await d.scim("GET", "/Users?startIndex=0&count=5000");
    expect(page.body).toMatchObject({ totalResults: 1050, startIndex: 1, itemsPerPage: 1000 });
    const tail = await d.scim("GET", "/Users?startIndex=1041&count=20&sortBy=userName&sortOrder=descending");
    expect(tail.body).toMatchObject({ totalResults: 1050, startIndex: 1041, itemsPerPage: 10 });
    expect(tail.body.Resources[0].userName).toBe("bulk0009@example.com");
    const beyond = await d.scim("GET", "/Users?startIndex=5000");
    expect(beyond.body).toMatchObject({ totalResults: 1050, itemsPerPage: 0, Resources: [] });
    const filtered = await d.scim("GET", `/Users?filter=${encodeURIComponent('userName sw "bulk10"')}&count=0`);
    expect(filtered.body).toMatchObject({ totalResults: 50, itemsPerPage: 0 });
  });

  it("projects attributes and excludedAttributes, always keeping id and schemas", async () => {
    const list = await dir.scim("GET", "/Users?attributes=userName,name.givenName");
    expect(Object.keys(list.body.Resources[0]).sort()).toEqual(["id", "name", "schemas", "userName"]);
    expect(list.body.Resources[0].name).toEqual({ givenName: "Test" });
    const excluded = await dir.scim("GET", "/Users?excludedAttributes=emails,meta");
    expect(excluded.body.Resources[0].emails).toBeUndefined();
    expect(excluded.body.Resources[0].meta).toBeUndefined();
  });

  it("deactivates with active:false and keeps the user; DELETE answers 204 and then 404", async () => {
    const created = await dir.scim("POST", "/Users", user("leaver@example.com"));
    const patched = await dir.scim("PATCH", `/Users/${created.body.id}`, {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
      Operations: [{ op: "Replace", path: "active", value: "False" }],
    });
    expect(patched.status).toBe(204);
    const fetched = await dir.scim("GET", `/Users/${created.body.id}`);
    expect(fetched.body.active).toBe(false);
    expect(Date.parse(fetched.body.meta.lastModified)).toBeGreaterThanOrEqual(Date.parse(created.body.meta.lastModified));
    const deleted = await dir.scim("DELETE", `/Users/${created.body.id}`);
    expect(deleted.status).toBe(204);
    expect((await dir.scim("GET", `/Users/${created.body.id}`)).status).toBe(404);
    expect((await dir.scim("DELETE", `/Users/${created.body.id}`)).status).toBe(404);
  });

  it("answers PUT with 409 when the new userName belongs to someone else", async () => {
    const a = await dir.scim("POST", "/Users", user("put-a@example.com"));
    await dir.scim("POST", "/Users", user("put-b@example.com"));
    const clash = await dir.scim("PUT", `/Users/${a.body.id}`, user("PUT-B@example.com"));
    expect(clash.status).toBe(409);
    const ok = await dir.scim("PUT", `/Users/${a.body.id}`, user("put-a2@example.com", { title: "Admiral" }));
    expect(ok.body).toMatchObject({ userName: "put-a2@example.com", title: "Admiral" });
  });
});

describe("Groups", () => {
  it("keeps membership from POST members and PATCH, filters by member, and excludes members on request", async () => {
    const a = (await dir.scim("POST", "/Users", user("member-a@example.com"))).body.id;
    const b = (await dir.scim("POST", "/Users", user("member-b@example.com"))).body.id;
    const group = await dir.scim("POST", "/Groups", {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
      displayName: "Engineering",
      members: [{ value: a }],
    });
    expect(group.status).toBe(201);
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([a]);
    await dir.scim("PATCH", `/Groups/${group.body.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: b }, { value: "not-a-user" }] }] });
    expect((await dir.scim("GET", `/Groups/${group.body.id}`)).body.members.map((m: { value: string }) => m.value).sort()).toEqual([a, b].sort());
    const byMember = await dir.scim("GET", `/Groups?filter=${encodeURIComponent(`members[value eq "${b}"]`)}&excludedAttributes=members`);
    expect(byMember.body.totalResults).toBe(1);
    expect(byMember.body.Resources[0].members).toBeUndefined();
    expect((await dir.scim("GET", `/Users/${b}`)).body.groups).toEqual([expect.objectContaining({ value: group.body.id, display: "Engineering" })]);
    await dir.scim("PATCH", `/Groups/${group.body.id}`, { Operations: [{ op: "remove", path: `members[value eq "${a}"]` }] });
    const after = await dir.scim("GET", `/Groups/${group.body.id}`);
    expect(after.body.members.map((m: { value: string }) => m.value)).toEqual([b]);
    expect((await dir.scim("DELETE", `/Groups/${group.body.id}`)).status).toBe(204);
    expect((await dir.scim("GET", `/Users/${b}`)).body.groups).toEqual([]);
  });
});

describe("the directories API", () => {
  it("shows the directory linked after its first SCIM request and lists its recent requests", async () => {
    const d = await t.newDirectory("okta");
    expect((await t.api("GET", `/directories/${d.id}`)).body).toMatchObject({ object: "directory", state: "unlinked", type: "okta scim v2.0" });
    await d.scim("GET", "/Users?count=1");
    expect((await t.api("GET", `/directories/${d.id}`)).body.state).toBe("linked");
  });

  it("refuses a bad directory type with a 422 naming the field", async () => {
    const org = (await t.api("POST", "/organizations", { name: "Typo Org" })).body.id;
    const bad = await t.api("POST", "/directories", { organization_id: org, type: "ldap" });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: "type" });
  });
});
