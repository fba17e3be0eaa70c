import type { ScimClient } from "./scim";

/**
 * The request sequences Okta and Microsoft Entra ID send, as their provisioning documentation and
 * recorded traffic show them: request shapes, capitalisation and value forms kept as each IdP sends them.
 */
const patchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const userSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
const groupSchema = "urn:ietf:params:scim:schemas:core:2.0:Group";
const enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

interface Person {
  email: string;
  givenName: string;
  familyName: string;
}

function must(step: string, status: number, expected: number[]) {
  if (!expected.includes(status)) throw new Error(`${step}: answered ${status}, expected ${expected.join(" or ")}`);
}

export const okta = {
  /** Assignment: Okta looks the user up by userName, then creates it (with a password it generated). */
  async createUser(scim: ScimClient, p: Person): Promise<string> {
    const lookup = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${p.email}"`)}&startIndex=1&count=100`);
    must("okta lookup", lookup.status, [200]);
    if (lookup.body.totalResults > 0) return lookup.body.Resources[0].id;
    const created = await scim("POST", "/Users", {
      schemas: [userSchema],
      userName: p.email,
      name: { givenName: p.givenName, familyName: p.familyName },
      emails: [{ primary: true, value: p.email, type: "work" }],
      displayName: `${p.givenName} ${p.familyName}`,
      locale: "en-US",
      externalId: `00u${p.email.length}okta`,
      groups: [],
      password: "1mz050nq",
      active: true,
    });
    must("okta create", created.status, [201]);
    return created.body.id;
  },
  /** Profile push: Okta reads the user and PUTs the whole resource back. */
  async updateProfile(scim: ScimClient, id: string, p: Person, title = "Engineer") {
    const current = await scim("GET", `/Users/${id}`);
    must("okta read", current.status, [200]);
    const put = await scim("PUT", `/Users/${id}`, {
      schemas: [userSchema],
      id,
      userName: p.email,
      name: { givenName: p.givenName, familyName: p.familyName },
      emails: [{ primary: true, value: p.email, type: "work" }],
      displayName: `${p.givenName} ${p.familyName}`,
      title,
      phoneNumbers: [{ primary: true, value: "415.123.4567", type: "work" }],
      active: true,
    });
    must("okta put", put.status, [200]);
  },
  async setActive(scim: ScimClient, id: string, active: boolean) {
    must("okta active", (await scim("PATCH", `/Users/${id}`, { schemas: [patchOp], Operations: [{ op: "replace", value: { active } }] })).status, [200, 204]);
  },
  async createGroup(scim: ScimClient, name: string): Promise<string> {
    const created = await scim("POST", "/Groups", { schemas: [groupSchema], displayName: name, members: [] });
    must("okta group", created.status, [201]);
    return created.body.id;
  },
  async addMembers(scim: ScimClient, groupId: string, ids: string[]) {
    const body = { schemas: [patchOp], Operations: [{ op: "add", path: "members", value: ids.map((value) => ({ value, display: value })) }] };
    must("okta add members", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
  async removeMember(scim: ScimClient, groupId: string, id: string) {
    const body = { schemas: [patchOp], Operations: [{ op: "remove", path: `members[value eq "${id}"]` }] };
    must("okta remove member", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
  async renameGroup(scim: ScimClient, groupId: string, name: string) {
    const body = { schemas: [patchOp], Operations: [{ op: "replace", value: { id: groupId, displayName: name } }] };
    must("okta rename", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
  async deleteGroup(scim: ScimClient, groupId: string) {
    must("okta delete group", (await scim("DELETE", `/Groups/${groupId}`)).status, [204]);
  },
};

export const entra = {
  async createUser(scim: ScimClient, p: Person, manager?: string): Promise<string> {
    const lookup = await scim("GET", `/Users?filter=${encodeURIComponent(`userName eq "${p.email}"`)}`);
    must("entra lookup", lookup.status, [200]);
    const created = await scim("POST", "/Users", {
      schemas: [userSchema, enterprise],
      externalId: `${p.givenName}.${p.familyName}`,
      userName: p.email,
      active: true,
      emails: [{ primary: true, type: "work", value: p.email }],
      meta: { resourceType: "User" },
      name: { formatted: `${p.givenName} ${p.familyName}`, familyName: p.familyName, givenName: p.givenName },
      roles: [],
      [enterprise]: { department: "Finance", ...(manager ? { manager: { value: manager } } : {}) },
    });
    must("entra create", created.status, [201]);
    return created.body.id;
  },
  async updateProfile(scim: ScimClient, id: string, changes: { email: string; familyName: string; department: string; manager?: string }) {
    const body = {
      schemas: [patchOp],
      Operations: [
        { op: "Replace", path: 'emails[type eq "work"].value', value: changes.email },
        { op: "Replace", path: "name.familyName", value: changes.familyName },
        { op: "Add", value: { [`${enterprise}:department`]: changes.department, "name.formatted": `x ${changes.familyName}` } },
        ...(changes.manager ? [{ op: "Add", path: `${enterprise}:manager`, value: changes.manager }] : []),
      ],
    };
    must("entra update", (await scim("PATCH", `/Users/${id}`, body)).status, [200, 204]);
  },
  async setActive(scim: ScimClient, id: string, active: boolean) {
    const body = { schemas: [patchOp], Operations: [{ op: "Replace", path: "active", value: active ? "True" : "False" }] };
    must("entra active", (await scim("PATCH", `/Users/${id}`, body)).status, [200, 204]);
  },
  async deleteUser(scim: ScimClient, id: string) {
    must("entra delete", (await scim("DELETE", `/Users/${id}`)).status, [204]);
  },
  async createGroup(scim: ScimClient, name: string): Promise<string> {
    const lookup = await scim("GET", `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${name}"`)}`);
    must("entra group lookup", lookup.status, [200]);
    const created = await scim("POST", "/Groups", { schemas: [groupSchema], externalId: `ext-${name}`, displayName: name, meta: { resourceType: "Group" } });
    must("entra group", created.status, [201]);
    return created.body.id;
  },
  async addMembers(scim: ScimClient, groupId: string, ids: string[]) {
    const body = { schemas: [patchOp], Operations: [{ op: "Add", path: "members", value: ids.map((value) => ({ value })) }] };
    must("entra add members", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
  async isMember(scim: ScimClient, groupId: string, userId: string): Promise<boolean> {
    const filter = encodeURIComponent(`id eq "${groupId}" and members[value eq "${userId}"]`);
    const response = await scim("GET", `/Groups?filter=${filter}&excludedAttributes=members`);
    must("entra membership check", response.status, [200]);
    return response.body.totalResults === 1;
  },
  async removeMembers(scim: ScimClient, groupId: string, ids: string[]) {
    const body = { schemas: [patchOp], Operations: [{ op: "Remove", path: "members", value: ids.map((value) => ({ value })) }] };
    must("entra remove members", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
  async renameGroup(scim: ScimClient, groupId: string, name: string) {
    const body = { schemas: [patchOp], Operations: [{ op: "Replace", path: "displayName", value: name }] };
    must("entra rename", (await scim("PATCH", `/Groups/${groupId}`, body)).status, [200, 204]);
  },
};
