import { describe, expect, it } from "vitest";
import { missingMappedAttributes, profileFromAssertion } from "@/server/saml/profile";
import type { ValidatedAssertion } from "@/server/saml/validate";

const connection = {
  id: "conn_1",
  organizationId: "org_1",
  connectionType: "OktaSAML",
  attributeMapping: { email: "email", firstName: "firstName", lastName: "lastName", groups: "groups" },
};

function assertion(attributes: Record<string, string[]>, nameId = "ada@acme.example.com"): ValidatedAssertion {
  return {
    responseId: "_r",
    assertionId: "_a",
    issuer: "https://idp.example.com",
    inResponseTo: null,
    nameId,
    nameIdFormat: null,
    sessionIndex: null,
    attributes,
    replayExpiresAt: new Date(),
  } as ValidatedAssertion;
}

describe("the SSO profile from an assertion", () => {
  it("keeps a single group as a list in raw_attributes, like groups", () => {
    const profile = profileFromAssertion(assertion({ email: ["ada@acme.example.com"], firstName: ["Ada"], groups: ["Engineering"] }), connection, "prof_1");
    expect(profile.groups).toEqual(["Engineering"]);
    expect(profile.raw_attributes).toEqual({ email: "ada@acme.example.com", firstName: "Ada", groups: ["Engineering"] });
  });

  it("keeps multi-valued attributes as lists and single values as strings", () => {
    const profile = profileFromAssertion(
      assertion({ email: ["ada@acme.example.com"], roles: ["a", "b"], memberOf: ["Ops"] }),
      { ...connection, attributeMapping: { ...connection.attributeMapping, groups: "memberOf" } },
      "prof_1",
    );
    expect(profile.raw_attributes).toEqual({ email: "ada@acme.example.com", roles: ["a", "b"], memberOf: ["Ops"] });
    expect(profile.groups).toEqual(["Ops"]);
  });

  it("names each mapped attribute the response did not carry", () => {
    const mapping = { email: "mail", firstName: "firstName", lastName: "surname", groups: "" };
    expect(missingMappedAttributes({ email: ["ada@acme.example.com"], firstName: ["Ada"] }, mapping)).toEqual([
      { field: "email", attribute: "mail" },
      { field: "lastName", attribute: "surname" },
    ]);
    expect(missingMappedAttributes({ mail: ["ada@acme.example.com"], firstName: ["Ada"], surname: ["L"] }, mapping)).toEqual([]);
  });
});
