/** The resource schemas this server speaks (RFC 7643 §4, §8.7.1), in the shape `/Schemas` returns. */
export const userSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
export const groupSchemaUrn = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const enterpriseUserUrn = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

export type AttrType = "string" | "boolean" | "decimal" | "integer" | "dateTime" | "reference" | "complex" | "binary";

export interface AttrDef {
  name: string;
  type: AttrType;
  multiValued?: boolean;
  caseExact?: boolean;
  required?: boolean;
  mutability?: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned?: "always" | "never" | "default" | "request";
  uniqueness?: "none" | "server" | "global";
  description?: string;
  subAttributes?: AttrDef[];
  referenceTypes?: string[];
}

const s = (name: string, extra: Partial<AttrDef> = {}): AttrDef => ({ name, type: "string", ...extra });
const multi = (name: string, subs: AttrDef[], extra: Partial<AttrDef> = {}): AttrDef => ({
  name,
  type: "complex",
  multiValued: true,
  subAttributes: subs,
  ...extra,
});
const typedValue = (extra: AttrDef[] = []) => [s("value"), s("display"), s("type"), { name: "primary", type: "boolean" } as AttrDef, ...extra];

const userAttributes: AttrDef[] = [
  s("userName", { required: true, uniqueness: "server", description: "Unique identifier for the User, typically used to sign in." }),
  {
    name: "name",
    type: "complex",
    subAttributes: [s("formatted"), s("familyName"), s("givenName"), s("middleName"), s("honorificPrefix"), s("honorificSuffix")],
  },
  s("displayName"),
  s("nickName"),
  { name: "profileUrl", type: "reference", referenceTypes: ["external"] },
  s("title"),
  s("userType"),
  s("preferredLanguage"),
  s("locale"),
  s("timezone"),
  { name: "active", type: "boolean" },
  s("password", { mutability: "writeOnly", returned: "never" }),
  multi("emails", typedValue()),
  multi("phoneNumbers", typedValue()),
  multi("ims", typedValue()),
  multi("photos", typedValue()),
  multi("addresses", [
    s("formatted"),
    s("streetAddress"),
    s("locality"),
    s("region"),
    s("postalCode"),
    s("country"),
    s("type"),
    { name: "primary", type: "boolean" },
  ]),
  multi("groups", [s("value"), { name: "$ref", type: "reference" }, s("display"), s("type")], { mutability: "readOnly" }),
  multi("entitlements", typedValue()),
  multi("roles", typedValue()),
  multi("x509Certificates", typedValue()),
];

const enterpriseAttributes: AttrDef[] = [
  s("employeeNumber"),
  s("costCenter"),
  s("organization"),
  s("division"),
  s("department"),
  {
    name: "manager",
    type: "complex",
    subAttributes: [s("value"), { name: "$ref", type: "reference" }, s("displayName", { mutability: "readOnly" })],
  },
];

const groupAttributes: AttrDef[] = [
  s("displayName", { required: true }),
  multi("members", [s("value", { mutability: "immutable" }), { name: "$ref", type: "reference" }, s("display"), s("type")]),
];

/** Attributes every resource has (RFC 7643 §3.1). */
const commonAttributes: AttrDef[] = [
  s("id", { caseExact: true, mutability: "readOnly", returned: "always" }),
  s("externalId", { caseExact: true }),
  {
    name: "meta",
    type: "complex",
    mutability: "readOnly",
    subAttributes: [s("resourceType"), { name: "created", type: "dateTime" }, { name: "lastModified", type: "dateTime" }, s("location"), s("version")],
  },
];

export type ResourceKind = "User" | "Group";

interface ResourceSchema {
  core: AttrDef[];
  extensions: Record<string, AttrDef[]>;
}

export const resourceSchemas: Record<ResourceKind, ResourceSchema> = {
  User: { core: [...commonAttributes, ...userAttributes], extensions: { [enterpriseUserUrn]: enterpriseAttributes } },
  Group: { core: [...commonAttributes, ...groupAttributes], extensions: {} },
};

export function findAttr(defs: AttrDef[] | undefined, name: string): AttrDef | undefined {
  if (!defs) return undefined;
  const lower = name.toLowerCase();
  return defs.find((d) => d.name.toLowerCase() === lower);
}

/** The extension URN a name refers to, matched case-insensitively. */
export function findExtension(kind: ResourceKind, urn: string): string | undefined {
  const lower = urn.toLowerCase();
  return Object.keys(resourceSchemas[kind].extensions).find((u) => u.toLowerCase() === lower);
}
