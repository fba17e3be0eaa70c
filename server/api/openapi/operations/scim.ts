import { z } from "zod";
import { exampleIds } from "../examples";
import { type HttpMethod, type OperationSpec, registerOperation } from "../registry";

/**
 * The SCIM 2.0 server of each directory (RFC 7644), authenticated by the directory's bearer token.
 * Attribute names are matched case-insensitively as RFC 7643 asks, so the schemas below name the
 * core attributes and let the rest through.
 */
const scimJson = "application/scim+json";
const scimError = z
  .object({ schemas: z.array(z.string()), status: z.string(), detail: z.string().optional(), scimType: z.string().optional() })
  .meta({ id: "ScimError" });
const meta = z.looseObject({ resourceType: z.string(), created: z.string(), lastModified: z.string(), location: z.string() });
const multi = z.array(z.looseObject({ value: z.string().optional(), primary: z.boolean().optional(), type: z.string().optional() }));

const scimUser = z
  .looseObject({
    schemas: z.array(z.string()),
    id: z.string(),
    externalId: z.string().optional(),
    userName: z.string(),
    active: z.boolean(),
    name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
    emails: multi.optional(),
    groups: z.array(z.looseObject({ value: z.string(), display: z.string().optional() })),
    meta,
  })
  .meta({ id: "ScimUser" });
const scimGroup = z
  .looseObject({
    schemas: z.array(z.string()),
    id: z.string(),
    externalId: z.string().optional(),
    displayName: z.string(),
    members: z.array(z.looseObject({ value: z.string(), display: z.string().optional() })).optional(),
    meta,
  })
  .meta({ id: "ScimGroup" });
const listOf = (item: z.ZodType) =>
  z.object({
    schemas: z.array(z.string()),
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    Resources: z.array(item),
  });

const userInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  userName: z.string().min(1),
  externalId: z.string().optional(),
  active: z.boolean().optional(),
  name: z.looseObject({ givenName: z.string().optional(), familyName: z.string().optional() }).optional(),
  emails: multi.optional(),
});
const groupInput = z.looseObject({
  schemas: z.array(z.string()).optional(),
  displayName: z.string().min(1),
  externalId: z.string().optional(),
  members: z.array(z.object({ value: z.string() })).optional(),
});
const patchInput = z.object({
  schemas: z.array(z.string()),
  Operations: z.array(z.object({ op: z.string(), path: z.string().optional(), value: z.unknown().optional() })).min(1),
});
const listQuery = z.object({
  filter: z.string().optional().meta({ example: 'userName eq "jane@foo-corp.example.com"' }),
  startIndex: z.coerce.number().int().min(1).optional(),
  count: z.coerce.number().int().min(0).optional(),
  attributes: z.string().optional(),
  excludedAttributes: z.string().optional(),
});

const directoryParams = z.object({ directoryId: z.string() });
const resourceParams = directoryParams.extend({ id: z.string() });
const errors = {
  400: { description: "The request is malformed (`scimType` says how).", schema: scimError, contentType: scimJson },
  401: { description: "The bearer token is missing or not this directory's.", schema: scimError, contentType: scimJson },
  404: { description: "No such resource in this directory.", schema: scimError, contentType: scimJson },
  409: { description: "A resource with this userName or displayName exists.", schema: scimError, contentType: scimJson },
  429: { description: "Too many failed authentications.", schema: scimError, contentType: scimJson },
};
const PATCH_EXAMPLE = { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] };

function scim(method: HttpMethod, resource: string, spec: Partial<OperationSpec> & Pick<OperationSpec, "operationId" | "summary" | "responses">) {
  const withId = resource.endsWith("{id}");
  const resourceId = resource.startsWith("Users") ? exampleIds.scimUser : exampleIds.scimGroup;
  registerOperation({
    method,
    path: `/scim/v2/{directoryId}/${resource}`,
    route: "/scim/v2/[directoryId]/[...path]",
    tag: "SCIM",
    security: "scim",
    pathParams: withId ? resourceParams : directoryParams,
    bodyContentType: scimJson,
    ...spec,
    example: { ...spec.example, path: withId ? { directoryId: exampleIds.directory, id: resourceId } : { directoryId: exampleIds.directory } },
    responses: Object.fromEntries(
      Object.entries({ ...spec.responses, ...errors }).map(([status, r]) => [
        status,
        r.schema ? { ...r, contentType: (r as { contentType?: string }).contentType ?? scimJson } : r,
      ]),
    ),
  });
}

const discovery = z.looseObject({ schemas: z.array(z.string()) });
scim("get", "ServiceProviderConfig", {
  operationId: "scimServiceProviderConfig",
  summary: "SCIM: what this server supports",
  responses: { 200: { description: "The configuration.", schema: discovery } },
});
scim("get", "ResourceTypes", {
  operationId: "scimResourceTypes",
  summary: "SCIM: resource types",
  responses: { 200: { description: "User and Group.", schema: listOf(discovery) } },
});
scim("get", "Schemas", {
  operationId: "scimSchemas",
  summary: "SCIM: schemas",
  responses: { 200: { description: "The schemas.", schema: listOf(discovery) } },
});

for (const [name, resource, input, example] of [
  [
    "User",
    scimUser,
    userInput,
    {
      userName: "jane@foo-corp.example.com",
      name: { givenName: "Jane", familyName: "Doe" },
      emails: [{ value: "jane@foo-corp.example.com", primary: true }],
      active: true,
    },
  ],
  ["Group", scimGroup, groupInput, { displayName: "Engineering" }],
] as const) {
  const plural = `${name}s`;
  const schemas = [`urn:ietf:params:scim:schemas:core:2.0:${name}`];
  scim("get", plural, {
    operationId: `scimList${plural}`,
    summary: `SCIM: list ${plural.toLowerCase()}`,
    query: listQuery,
    responses: { 200: { description: `A page of ${plural.toLowerCase()}.`, schema: listOf(resource) } },
  });
  scim("post", plural, {
    operationId: `scimCreate${name}`,
    summary: `SCIM: create a ${name.toLowerCase()}`,
    body: input,
    responses: { 201: { description: `The new ${name.toLowerCase()}.`, schema: resource } },
    example: { body: { schemas, ...example } },
  });
  scim("get", `${plural}/{id}`, {
    operationId: `scimGet${name}`,
    summary: `SCIM: get a ${name.toLowerCase()}`,
    responses: { 200: { description: `The ${name.toLowerCase()}.`, schema: resource } },
  });
  scim("put", `${plural}/{id}`, {
    operationId: `scimReplace${name}`,
    summary: `SCIM: replace a ${name.toLowerCase()}`,
    body: input,
    responses: { 200: { description: `The ${name.toLowerCase()}.`, schema: resource } },
    example: { body: { schemas, ...example } },
  });
  scim("patch", `${plural}/{id}`, {
    operationId: `scimPatch${name}`,
    summary: `SCIM: change a ${name.toLowerCase()}`,
    body: patchInput,
    responses: { 204: { description: "Changed." }, 200: { description: "Changed, with the attributes asked for.", schema: resource } },
    example: { body: name === "User" ? PATCH_EXAMPLE : { ...PATCH_EXAMPLE, Operations: [{ op: "replace", path: "displayName", value: "Eng" }] } },
  });
  scim("delete", `${plural}/{id}`, {
    operationId: `scimDelete${name}`,
    summary: `SCIM: delete a ${name.toLowerCase()}`,
    responses: { 204: { description: "Deleted." } },
  });
}
