import { jsonRequest, type FuzzRequest } from "./fuzz-client";
import { badBodies, badPathSegments, badQueryValues, badScimFilters, fieldVariants, nested } from "./fuzz-matrix";

export interface ScimTarget {
  directoryId: string;
  token: string;
  userId: string;
  groupId: string;
}

const patchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

const user = {
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName: "fuzz.user@fuzz-org.example",
  externalId: "fuzz-ext",
  displayName: "Fuzz User",
  name: { givenName: "Fuzz", familyName: "User" },
  emails: [{ value: "fuzz.user@fuzz-org.example", primary: true, type: "work" }],
  active: true,
};
const group = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"], displayName: "Fuzz Group", externalId: "fuzz-group" };

/** Operations an IdP would never send; each goes alone in a PatchOp body. */
const badOperations: unknown[] = [
  null,
  123,
  "replace",
  { op: "explode", path: "active", value: true },
  { op: "replace", path: "\u0000", value: true },
  { op: "replace", path: "userName", value: "\ud800" },
  { op: "remove", path: 'members[value eq "\\u0000"]' },
  { op: "remove", path: `members[${"not (".repeat(100)}value eq "a"${")".repeat(100)}]` },
  { op: "add", path: "emails", value: nested(100) },
  { op: "replace", value: { "\u0000": "x" } },
  { op: "replace", value: { "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "x\u0000" } },
  { op: "add", path: "members", value: [{ value: "\u0000" }] },
  { op: "add", path: "members", value: [{ value: "x".repeat(100_000) }] },
  { op: "replace", path: "x".repeat(5000), value: 1 },
];

export function scimMatrix(t: ScimTarget): FuzzRequest[] {
  const base = `/scim/v2/${t.directoryId}`;
  const headers = { Authorization: `Bearer ${t.token}`, "Content-Type": "application/scim+json" };
  const json = (label: string, method: string, path: string, body: unknown) => jsonRequest(`SCIM ${label}`, method, `${base}${path}`, body, headers);
  const get = (label: string, path: string, method = "GET"): FuzzRequest => ({ label: `SCIM ${label}`, method, path: `${base}${path}`, headers, json: true });
  const requests: FuzzRequest[] = [];
  for (const filter of badScimFilters) {
    for (const resource of ["Users", "Groups"])
      requests.push(get(`${resource} filter ${filter.slice(0, 40)}`, `/${resource}?filter=${encodeURIComponent(filter)}`));
    requests.push(
      json(`.search filter ${filter.slice(0, 40)}`, "POST", "/Users/.search", { schemas: ["urn:ietf:params:scim:api:messages:2.0:SearchRequest"], filter }),
    );
    requests.push(
      json(`PATCH path filter ${filter.slice(0, 40)}`, "PATCH", `/Groups/${t.groupId}`, {
        schemas: [patchSchema],
        Operations: [{ op: "remove", path: `members[${filter}]` }],
      }),
    );
  }
  for (const name of ["filter", "startIndex", "count", "sortBy", "sortOrder", "attributes", "excludedAttributes"]) {
    for (const value of badQueryValues) requests.push(get(`Users ?${name}=${value.slice(0, 20)}`, `/Users?${name}=${value}`));
  }
  for (const variant of fieldVariants(user)) {
    requests.push(json(`POST Users ${variant.label}`, "POST", "/Users", variant.value));
    requests.push(json(`PUT Users ${variant.label}`, "PUT", `/Users/${t.userId}`, variant.value));
  }
  for (const variant of fieldVariants({ ...group, members: [{ value: t.userId }] }))
    requests.push(json(`POST Groups ${variant.label}`, "POST", "/Groups", variant.value));
  for (const variant of fieldVariants({ schemas: [patchSchema], Operations: [{ op: "replace", path: "active", value: true }] })) {
    requests.push(json(`PATCH Users ${variant.label}`, "PATCH", `/Users/${t.userId}`, variant.value));
  }
  for (const operation of badOperations) {
    const label = JSON.stringify(operation)?.slice(0, 40);
    requests.push(json(`PATCH Users op ${label}`, "PATCH", `/Users/${t.userId}`, { schemas: [patchSchema], Operations: [operation] }));
    requests.push(json(`PATCH Groups op ${label}`, "PATCH", `/Groups/${t.groupId}`, { schemas: [patchSchema], Operations: [operation] }));
  }
  for (const bad of badBodies) {
    for (const [method, path] of [
      ["POST", "/Users"],
      ["PUT", `/Users/${t.userId}`],
      ["PATCH", `/Groups/${t.groupId}`],
      ["POST", "/Groups"],
    ] as const) {
      requests.push({
        label: `SCIM ${method} ${path} body ${bad.label}`,
        method,
        path: `${base}${path}`,
        headers: { ...headers, ...(bad.contentType ? { "Content-Type": bad.contentType } : {}) },
        body: bad.body,
        json: true,
      });
    }
  }
  for (const segment of badPathSegments) {
    for (const resource of ["Users", "Groups"]) {
      for (const method of ["GET", "DELETE"]) requests.push(get(`${method} ${resource}/${segment.slice(0, 12)}`, `/${resource}/${segment}`, method));
      requests.push(
        json(`PATCH ${resource}/${segment.slice(0, 12)}`, "PATCH", `/${resource}/${segment}`, {
          schemas: [patchSchema],
          Operations: [{ op: "replace", path: "active", value: false }],
        }),
      );
    }
    requests.push(get(`endpoint ${segment.slice(0, 12)}`, `/${segment}`));
    requests.push(get(`Schemas/${segment.slice(0, 12)}`, `/Schemas/${segment}`));
  }
  for (const path of ["/Users/a/b/c", "/ResourceTypes/%00", "/ServiceProviderConfig?x=%00", "/Bulk", "/Me"]) requests.push(get(`endpoint ${path}`, path));
  return requests;
}

/** Sent last: wrong tokens count against the directory, so they must not disturb the rest of the matrix. */
export function scimAuthMatrix(t: ScimTarget): FuzzRequest[] {
  const requests: FuzzRequest[] = [];
  for (const directory of [t.directoryId, "%00", "directory_%00", "d".repeat(3000)]) {
    for (const authorization of [undefined, "Bearer", "Bearer wrong", "Basic Og==", `Bearer ${"x".repeat(8000)}`, "Bearer \u00ff"]) {
      requests.push({
        label: `SCIM ${directory.slice(0, 12)} Authorization ${authorization?.slice(0, 12)}`,
        method: "GET",
        path: `/scim/v2/${directory}/Users`,
        headers: authorization ? { Authorization: authorization } : {},
        json: true,
      });
    }
  }
  return requests;
}

/** ACS posts: garbage base64, non-XML, XML with NUL, a DOCTYPE, absurd nesting. */
export function acsMatrix(connectionIds: string[]): FuzzRequest[] {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const responses = [
    "",
    "!!!not base64!!!",
    b64("not xml at all"),
    b64("<samlp:Response>\u0000</samlp:Response>"),
    '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" InResponseTo="a\u0000b"/>',
    b64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" InResponseTo="\u0000"/>'),
    b64('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    b64(`${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}`),
    b64("<x>\ud800</x>"),
    Buffer.from([0x3c, 0x78, 0x3e, 0xff, 0xfe, 0x00, 0x3c, 0x2f, 0x78, 0x3e]).toString("base64"),
    "A".repeat(2_000_000),
  ];
  const requests: FuzzRequest[] = [];
  for (const id of connectionIds) {
    responses.forEach((response, i) => {
      requests.push({
        label: `ACS ${id.slice(0, 12)} response #${i}`,
        method: "POST",
        path: `/sso/saml/${id}/acs`,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ SAMLResponse: response, RelayState: "\u0000" }).toString(),
        json: false,
      });
    });
    for (const bad of badBodies)
      requests.push({
        label: `ACS ${id.slice(0, 12)} body ${bad.label}`,
        method: "POST",
        path: `/sso/saml/${id}/acs`,
        headers: bad.contentType ? { "Content-Type": bad.contentType } : {},
        body: bad.body,
        json: false,
      });
  }
  return requests;
}
