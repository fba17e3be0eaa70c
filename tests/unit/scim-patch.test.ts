import { describe, expect, it } from "vitest";
import { applyPatch, touchesOnlyMembers } from "@/server/scim/patch";
import { normalizeResource } from "@/server/scim/resource";
import { enterpriseUserUrn } from "@/server/scim/schemas";

const op = (...operations: unknown[]) => ({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: operations });
const user = () =>
  normalizeResource("User", {
    userName: "ada@example.com",
    active: true,
    name: { givenName: "Ada", familyName: "Lovelace" },
    emails: [{ value: "ada@example.com", type: "work", primary: true }],
  });

describe("SCIM PATCH as Okta and Entra send it", () => {
  it("deactivates with Okta's path-less replace and Entra's capitalised string boolean", () => {
    expect(applyPatch("User", user(), op({ op: "replace", value: { active: false } })).resource.active).toBe(false);
    expect(applyPatch("User", user(), op({ op: "Replace", path: "active", value: "False" })).resource.active).toBe(false);
  });

  it("applies path-less values with dotted and URN-qualified keys", () => {
    const { resource } = applyPatch(
      "User",
      user(),
      op({ op: "Replace", value: { "name.givenName": "Augusta", [`${enterpriseUserUrn}:department`]: "Engineering", displayName: "Ada L." } }),
    );
    expect(resource.name).toEqual({ givenName: "Augusta", familyName: "Lovelace" });
    expect(resource[enterpriseUserUrn]).toEqual({ department: "Engineering" });
    expect(resource.displayName).toBe("Ada L.");
  });

  it("sets a filtered sub-attribute, creating the element when none matches", () => {
    const changed = applyPatch("User", user(), op({ op: "Replace", path: 'emails[type eq "work"].value', value: "ada@new.example.com" })).resource;
    expect(changed.emails).toEqual([{ value: "ada@new.example.com", type: "work", primary: true }]);
    const added = applyPatch("User", user(), op({ op: "Add", path: 'phoneNumbers[type eq "mobile"].value', value: "+1 555 0100" })).resource;
    expect(added.phoneNumbers).toEqual([{ type: "mobile", value: "+1 555 0100" }]);
  });

  it("takes the enterprise manager as a bare id (Entra) or with the dot form Microsoft's collection uses", () => {
    expect(applyPatch("User", user(), op({ op: "Add", path: `${enterpriseUserUrn}:manager`, value: "u_123" })).resource[enterpriseUserUrn]).toEqual({
      manager: { value: "u_123" },
    });
    expect(applyPatch("User", user(), op({ op: "replace", path: `${enterpriseUserUrn}.manager`, value: "u_9" })).resource[enterpriseUserUrn]).toEqual({
      manager: { value: "u_9" },
    });
  });

  it("removes attributes and filtered elements", () => {
    const r = applyPatch(
      "User",
      { ...user(), title: "Countess" },
      op({ op: "remove", path: "title" }, { op: "remove", path: 'emails[type eq "work"]' }),
    ).resource;
    expect(r.title).toBeUndefined();
    expect(r.emails).toEqual([]);
  });

  it("returns group membership changes in order, in every form IdPs send", () => {
    const { members } = applyPatch(
      "Group",
      { displayName: "Eng" },
      op(
        { op: "Add", path: "members", value: [{ value: "u1" }, { value: "u2" }] },
        { op: "remove", path: 'members[value eq "u1"]' },
        { op: "Remove", path: "members", value: [{ value: "u2" }] },
        { op: "add", path: "members", value: "u3" },
        { op: "replace", path: "members", value: [{ value: "u4" }] },
        { op: "remove", path: "members" },
      ),
    );
    expect(members).toEqual([
      { kind: "add", ids: ["u1", "u2"] },
      { kind: "remove", ids: ["u1"] },
      { kind: "remove", ids: ["u2"] },
      { kind: "add", ids: ["u3"] },
      { kind: "replace", ids: ["u4"] },
      { kind: "removeAll" },
    ]);
  });

  it("renames a group with Okta's path-less replace that repeats the id", () => {
    const result = applyPatch("Group", { displayName: "Old" }, op({ op: "replace", value: { id: "g1", displayName: "New" } }));
    expect(result.resource).toEqual({ displayName: "New" });
    expect(touchesOnlyMembers(op({ op: "replace", value: { id: "g1", displayName: "New" } }))).toBe(false);
    expect(touchesOnlyMembers(op({ op: "add", path: "members", value: [] }, { op: "remove", path: 'members[value eq "x"]' }))).toBe(true);
  });

  it("refuses malformed operations with a SCIM 400", () => {
    for (const body of [
      {},
      op(),
      op({ op: "move", path: "x" }),
      op({ op: "remove" }),
      op({ op: "add", path: "title" }),
      op({ op: "add", path: "title[", value: 1 }),
    ]) {
      expect(() => applyPatch("User", user(), body)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });

  it("never stores a password, id or meta sent in a resource", () => {
    const stored = normalizeResource("User", {
      userName: "a",
      password: "hunter2",
      id: "x",
      meta: {},
      ACTIVE: "True",
      Emails: [{ Value: "a@b.example", Primary: "true" }],
    });
    expect(stored).toEqual({ userName: "a", active: true, emails: [{ value: "a@b.example", primary: true }] });
  });
});
