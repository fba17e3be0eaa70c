import { describe, expect, it } from "vitest";
import { ScimError } from "@/server/scim/errors";
import { parseFilter } from "@/server/scim/filter";
import { matches } from "@/server/scim/match";
import { enterpriseUserUrn } from "@/server/scim/schemas";

describe("SCIM filter parser (RFC 7644 §3.4.2.2)", () => {
  it("parses every comparison operator, case-insensitively, with canonical attribute names", () => {
    for (const op of ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]) {
      expect(parseFilter("User", `USERNAME ${op.toUpperCase()} "bjensen"`)).toEqual({ op, path: { attr: "userName" }, value: "bjensen" });
    }
    expect(parseFilter("User", "title pr")).toEqual({ op: "pr", path: { attr: "title" } });
  });

  it("binds not tighter than and, and tighter than or, and honours parentheses", () => {
    const tree = parseFilter("User", 'a eq "1" or b eq "2" and not (c eq "3")');
    expect(tree).toMatchObject({ op: "or", left: { op: "eq" }, right: { op: "and", right: { op: "not", filter: { op: "eq" } } } });
    expect(parseFilter("User", '(a eq "1" or b eq "2") and c eq "3"')).toMatchObject({ op: "and", left: { op: "or" } });
  });

  it("reads sub-attributes, value filters and URN-qualified extension attributes", () => {
    expect(parseFilter("User", 'name.FamilyName eq "x"')).toMatchObject({ path: { attr: "name", sub: "familyName" } });
    expect(parseFilter("User", 'emails[type eq "work" and value co "@example.com"]')).toMatchObject({
      op: "has",
      path: { attr: "emails" },
      filter: { op: "and" },
    });
    expect(parseFilter("User", `${enterpriseUserUrn}:department eq "Sales"`)).toMatchObject({ path: { urn: enterpriseUserUrn, attr: "department" } });
    expect(parseFilter("User", `${enterpriseUserUrn}:manager.value eq "u1"`)).toMatchObject({
      path: { urn: enterpriseUserUrn, attr: "manager", sub: "value" },
    });
  });

  it("takes literals: strings with escapes, numbers, booleans, null, and bare words as strings", () => {
    expect(parseFilter("User", 'userName eq "a \\"quoted\\" name"')).toMatchObject({ value: 'a "quoted" name' });
    expect(parseFilter("User", "x gt 10")).toMatchObject({ value: 10 });
    expect(parseFilter("User", "active eq True")).toMatchObject({ value: true });
    expect(parseFilter("User", "x eq null")).toMatchObject({ value: null });
    // Microsoft's reference collection sends unquoted values.
    expect(parseFilter("User", "meta.Created gt 2015-10-10T14:38:21.8617979-07:00")).toMatchObject({
      path: { attr: "meta", sub: "created" },
      value: "2015-10-10T14:38:21.8617979-07:00",
    });
    expect(parseFilter("User", "name.FamilyName eq Employee")).toMatchObject({ value: "Employee" });
  });

  it.each([
    "userName eq",
    'userName zz "x"',
    '(userName eq "x"',
    'userName eq "x" and',
    'userName eq "unterminated',
    'not userName eq "x"',
    'emails[type eq "work"',
    '"x" eq userName',
  ])("refuses %s as invalidFilter", (filter) => {
    const error = (() => {
      try {
        parseFilter("User", filter);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType: "invalidFilter" });
  });

  it("evaluates value filters against elements", () => {
    const emails = [
      { type: "work", value: "A@Example.com" },
      { type: "home", value: "a@home.example" },
    ];
    expect(matches(parseFilter("User", 'emails[type eq "WORK" and value ew "example.com"]'), { emails })).toBe(true);
    expect(matches(parseFilter("User", 'emails[type eq "other"]'), { emails })).toBe(false);
    expect(matches(parseFilter("User", 'not (emails.value co "home")'), { emails })).toBe(false);
  });
});
