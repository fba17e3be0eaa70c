import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { createConnectionSchema, updateConnectionSchema } from "@/server/services/sso/schemas";
import { apiErrors, idParams, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

const mappingField = z.string().trim().max(500).nullish();
const attributeMapping = z
  .object({ email: mappingField, first_name: mappingField, last_name: mappingField, groups: mappingField })
  .meta({ description: "Which IdP attribute carries each profile field (empty: the provider's usual names)." });

export const createConnectionWire = wireSchema(createConnectionSchema, { omit: ["provider", "attributeMapping"] })
  .extend({ attribute_mapping: attributeMapping.optional() })
  .meta({ id: "CreateConnection" });
export const updateConnectionWire = wireSchema(updateConnectionSchema, { omit: ["attributeMapping"] })
  .extend({ attribute_mapping: attributeMapping.optional() })
  .meta({ id: "UpdateConnection" });

const samlWire = z.object({
  sp_entity_id: z.string(),
  acs_url: z.string(),
  sp_metadata_url: z.string(),
  idp_entity_id: z.string().nullable(),
  idp_sso_url: z.string().nullable(),
  idp_metadata_url: z.string().nullable(),
  idp_certificates: z.array(z.object({ fingerprint_sha256: z.string(), not_after: z.string() })),
  attribute_mapping: z.object({
    email: z.string().nullable(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    groups: z.string().nullable(),
  }),
});
const oidcWire = z.object({
  discovery_endpoint: z.string().nullable(),
  issuer: z.string().nullable(),
  authorization_endpoint: z.string().nullable(),
  token_endpoint: z.string().nullable(),
  jwks_uri: z.string().nullable(),
  userinfo_endpoint: z.string().nullable(),
  client_id: z.string().nullable(),
  client_secret_set: z.boolean(),
});

const connectionWire = z
  .object({
    object: z.literal("connection"),
    id: z.string(),
    organization_id: z.string(),
    name: z.string(),
    connection_type: z.string(),
    state: z.enum(["draft", "active", "inactive", "validating"]),
    domains: z.array(z.object({ object: z.literal("connection_domain"), id: z.string(), domain: z.string() })),
    created_at: timestamp,
    updated_at: timestamp,
    saml: samlWire.optional().meta({ description: "Portico: the SAML details of a SAML connection." }),
    oidc_redirect_uri: z.string().optional().meta({ description: "Portico: the redirect URI to register at the IdP." }),
    oidc: oidcWire.optional().meta({ description: "Portico: the OIDC details; the client secret is never returned." }),
  })
  .meta({ id: "Connection" });

const tag = "SSO connections";
const example = { path: { id: exampleIds.connection } };

registerOperation({
  method: "get",
  path: "/connections",
  route: "/connections",
  operationId: "listConnections",
  summary: "List connections",
  tag,
  security: "apiKey",
  query: listQuery.extend({
    organization_id: z.string().min(1).max(100).optional(),
    connection_type: z.string().max(100).optional(),
    domain: z.string().max(300).optional(),
  }),
  responses: { 200: { description: "A page of connections.", schema: listOf(connectionWire) }, ...apiErrors },
  example: { query: { organization_id: exampleIds.organization } },
  node: `const { data } = await workos.sso.listConnections({ organizationId: "${exampleIds.organization}" });`,
});

registerOperation({
  method: "post",
  path: "/connections",
  route: "/connections",
  operationId: "createConnection",
  summary: "Create a connection",
  description:
    "Portico extension: creates a SAML connection (IdP metadata by URL, XML or entity id, SSO URL and certificates) or an OIDC one, as the Admin Portal does. Without IdP details the connection stays a draft.",
  tag,
  security: "apiKey",
  extension: true,
  body: createConnectionWire,
  responses: { 201: { description: "The connection.", schema: connectionWire }, ...apiErrors, ...notFound },
  example: { body: { organization_id: exampleIds.organization, connection_type: "OktaSAML", name: "Foo Corp Okta" } },
});

registerOperation({
  method: "get",
  path: "/connections/{id}",
  route: "/connections/[id]",
  operationId: "getConnection",
  summary: "Get a connection",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The connection.", schema: connectionWire }, ...apiErrors, ...notFound },
  example,
  node: `const connection = await workos.sso.getConnection("${exampleIds.connection}");`,
});

registerOperation({
  method: "put",
  path: "/connections/{id}",
  route: "/connections/[id]",
  operationId: "updateConnection",
  summary: "Update a connection",
  description:
    "Portico extension: the IdP configuration, attribute mapping or options, and/or `state` to activate or deactivate. The organization and type are fixed.",
  tag,
  security: "apiKey",
  extension: true,
  pathParams: idParams,
  body: updateConnectionWire.extend({
    state: z
      .enum(["active", "inactive"])
      .optional()
      .meta({ description: "Switch the connection on or off (after any configuration change in the same call)." }),
  }),
  responses: { 200: { description: "The connection.", schema: connectionWire }, ...apiErrors, ...notFound },
  example: { ...example, body: { name: "Foo Corp Okta (production)", attribute_mapping: { groups: "memberOf" } } },
});

registerOperation({
  method: "delete",
  path: "/connections/{id}",
  route: "/connections/[id]",
  operationId: "deleteConnection",
  summary: "Delete a connection",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 204: { description: "Deleted." }, ...apiErrors, ...notFound },
  example,
  node: `await workos.sso.deleteConnection("${exampleIds.connection}");`,
});
