import { enterpriseUserUrn, groupSchemaUrn, resourceSchemas, userSchemaUrn, type AttrDef } from "./schemas";

/** `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4, RFC 7643 §5–7). */
const listSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const maxResults = 1000;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: "https://datatracker.ietf.org/doc/html/rfc7644",
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: false },
    authenticationSchemes: [
      { type: "oauthbearertoken", name: "OAuth Bearer Token", description: "The directory's bearer token in the Authorization header.", primary: true },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  const user = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "User Account",
    schema: userSchemaUrn,
    schemaExtensions: [{ schema: enterpriseUserUrn, required: false }],
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
  };
  const group = {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
    id: "Group",
    name: "Group",
    endpoint: "/Groups",
    description: "Group",
    schema: groupSchemaUrn,
    meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
  };
  return [user, group];
}

function describe(def: AttrDef): Record<string, unknown> {
  return {
    name: def.name,
    type: def.type,
    multiValued: def.multiValued ?? false,
    description: def.description ?? def.name,
    required: def.required ?? false,
    caseExact: def.caseExact ?? false,
    mutability: def.mutability ?? "readWrite",
    returned: def.returned ?? "default",
    uniqueness: def.uniqueness ?? "none",
    ...(def.referenceTypes ? { referenceTypes: def.referenceTypes } : {}),
    ...(def.subAttributes ? { subAttributes: def.subAttributes.map(describe) } : {}),
  };
}

const common = new Set(["id", "externalId", "meta"]);

export function schemaDefinitions(baseUrl: string) {
  const entry = (id: string, name: string, description: string, attributes: AttrDef[]) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id,
    name,
    description,
    attributes: attributes.filter((a) => !common.has(a.name)).map(describe),
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    entry(userSchemaUrn, "User", "User Account", resourceSchemas.User.core),
    entry(enterpriseUserUrn, "EnterpriseUser", "Enterprise User", resourceSchemas.User.extensions[enterpriseUserUrn]!),
    entry(groupSchemaUrn, "Group", "Group", resourceSchemas.Group.core),
  ];
}

export function listResponse(resources: unknown[], totalResults: number, startIndex: number) {
  return { schemas: [listSchema], totalResults, startIndex, itemsPerPage: resources.length, Resources: resources };
}
