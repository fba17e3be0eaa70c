import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { createDirectorySchema } from "@/server/services/directory-sync/schemas";
import { apiErrors, idParams, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

export const createDirectoryWire = wireSchema(createDirectorySchema).meta({ id: "CreateDirectory" });

const directoryWire = z
  .object({
    object: z.literal("directory"),
    id: z.string(),
    organization_id: z.string(),
    name: z.string(),
    domain: z.string(),
    external_key: z.string(),
    type: z.string(),
    state: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Directory" });
const credentials = { scim_base_url: z.url(), bearer_token: z.string().meta({ description: "Shown once: only its SHA-256 is stored." }) };

const groupWire = z
  .object({
    object: z.literal("directory_group"),
    id: z.string(),
    idp_id: z.string(),
    directory_id: z.string(),
    organization_id: z.string(),
    name: z.string(),
    raw_attributes: z.record(z.string(), z.unknown()),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryGroup" });
const userWire = z
  .object({
    object: z.literal("directory_user"),
    id: z.string(),
    directory_id: z.string(),
    organization_id: z.string(),
    idp_id: z.string(),
    email: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    state: z.enum(["active", "inactive"]),
    custom_attributes: z.record(z.string(), z.unknown()),
    raw_attributes: z.record(z.string(), z.unknown()),
    groups: z.array(groupWire),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "DirectoryUser" });

const tag = "Directory Sync";
const directoryParams = { path: { id: exampleIds.directory } };

registerOperation({
  method: "get",
  path: "/directories",
  route: "/directories",
  operationId: "listDirectories",
  summary: "List directories",
  tag,
  security: "apiKey",
  query: listQuery.extend({ organization_id: z.string().max(100).optional(), search: z.string().max(200).optional() }),
  responses: { 200: { description: "A page of directories.", schema: listOf(directoryWire) }, ...apiErrors },
  example: { query: { organization_id: exampleIds.organization } },
  node: `const { data } = await workos.directorySync.listDirectories({ organizationId: "${exampleIds.organization}" });`,
});

registerOperation({
  method: "post",
  path: "/directories",
  route: "/directories",
  operationId: "createDirectory",
  summary: "Create a SCIM directory",
  description: "Portico extension: the answer is the only time the SCIM bearer token is shown.",
  tag,
  security: "apiKey",
  extension: true,
  body: createDirectoryWire,
  responses: { 201: { description: "The directory and its SCIM credentials.", schema: directoryWire.extend(credentials) }, ...apiErrors, ...notFound },
  example: { body: { organization_id: exampleIds.organization, type: "okta scim v2.0", name: "Foo Corp Okta" } },
});

registerOperation({
  method: "get",
  path: "/directories/{id}",
  route: "/directories/[id]",
  operationId: "getDirectory",
  summary: "Get a directory",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The directory.", schema: directoryWire }, ...apiErrors, ...notFound },
  example: directoryParams,
  node: `const directory = await workos.directorySync.getDirectory("${exampleIds.directory}");`,
});

registerOperation({
  method: "delete",
  path: "/directories/{id}",
  route: "/directories/[id]",
  operationId: "deleteDirectory",
  summary: "Delete a directory",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 202: { description: "Deletion accepted (the body is `null`).", schema: z.null() }, ...apiErrors, ...notFound },
  example: directoryParams,
  node: `await workos.directorySync.deleteDirectory("${exampleIds.directory}");`,
});

registerOperation({
  method: "post",
  path: "/directories/{id}/token",
  route: "/directories/[id]/token",
  operationId: "rotateDirectoryToken",
  summary: "Issue a new SCIM bearer token",
  description: "Portico extension: the old token stops working at once.",
  tag,
  security: "apiKey",
  extension: true,
  pathParams: idParams,
  responses: {
    200: { description: "The new token, shown once.", schema: z.object({ directory_id: z.string(), ...credentials }) },
    ...apiErrors,
    ...notFound,
  },
  example: directoryParams,
});

registerOperation({
  method: "get",
  path: "/directory_users",
  route: "/directory_users",
  operationId: "listDirectoryUsers",
  summary: "List directory users",
  tag,
  security: "apiKey",
  query: listQuery.extend({
    directory: z.string().min(1).max(100).optional(),
    group: z.string().min(1).max(100).optional(),
    search: z.string().max(200).optional(),
  }),
  responses: { 200: { description: "A page of users.", schema: listOf(userWire) }, ...apiErrors },
  example: { query: { directory: exampleIds.directory } },
  node: `const { data } = await workos.directorySync.listUsers({ directory: "${exampleIds.directory}" });`,
});

registerOperation({
  method: "get",
  path: "/directory_users/{id}",
  route: "/directory_users/[id]",
  operationId: "getDirectoryUser",
  summary: "Get a directory user",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The user with their groups.", schema: userWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.directoryUser } },
  node: `const user = await workos.directorySync.getUser("${exampleIds.directoryUser}");`,
});

registerOperation({
  method: "get",
  path: "/directory_groups",
  route: "/directory_groups",
  operationId: "listDirectoryGroups",
  summary: "List directory groups",
  tag,
  security: "apiKey",
  query: listQuery.extend({ directory: z.string().min(1).max(100).optional(), user: z.string().min(1).max(100).optional() }),
  responses: { 200: { description: "A page of groups.", schema: listOf(groupWire) }, ...apiErrors },
  example: { query: { directory: exampleIds.directory } },
  node: `const { data } = await workos.directorySync.listGroups({ directory: "${exampleIds.directory}" });`,
});

registerOperation({
  method: "get",
  path: "/directory_groups/{id}",
  route: "/directory_groups/[id]",
  operationId: "getDirectoryGroup",
  summary: "Get a directory group",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The group.", schema: groupWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.directoryGroup } },
  node: `const group = await workos.directorySync.getGroup("${exampleIds.directoryGroup}");`,
});
