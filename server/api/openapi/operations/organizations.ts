import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { createOrganizationSchema, updateOrganizationSchema } from "@/server/services/organizations/schemas";
import { apiErrors, errorSchema, idParams, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

export const organizationDomainWire = z
  .object({
    object: z.literal("organization_domain"),
    id: z.string(),
    organization_id: z.string(),
    domain: z.string(),
    state: z.enum(["pending", "verified", "failed"]),
    verification_strategy: z.enum(["dns", "manual"]),
    verification_token: z.string().optional(),
    verification_prefix: z.string().optional(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "OrganizationDomain" });

const organizationWire = z
  .object({
    object: z.literal("organization"),
    id: z.string(),
    name: z.string(),
    allow_profiles_outside_organization: z.boolean(),
    domains: z.array(organizationDomainWire),
    external_id: z.string().nullable(),
    stripe_customer_id: z.string().optional(),
    metadata: z.record(z.string(), z.string()),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "Organization" });

/** The deprecated `domains: string[]` form still arrives from older integrations (as pending domains). */
const legacyDomains = { domains: z.array(z.string().max(253)).max(100).optional() };

export const createOrganizationWire = wireSchema(createOrganizationSchema)
  .extend({ ...legacyDomains, metadata: createOrganizationSchema.shape.metadata.nullable() })
  .meta({ id: "CreateOrganization" });
export const updateOrganizationWire = wireSchema(updateOrganizationSchema)
  .extend({ ...legacyDomains, metadata: updateOrganizationSchema.shape.metadata.nullable() })
  .meta({ id: "UpdateOrganization" });

const tag = "Organizations";
const example = { path: { id: exampleIds.organization } };

registerOperation({
  method: "get",
  path: "/organizations",
  route: "/organizations",
  operationId: "listOrganizations",
  summary: "List organizations",
  tag,
  security: "apiKey",
  query: listQuery.extend({ domains: z.string().optional().meta({ description: "Comma-separated domains: organizations with any of them." }) }),
  responses: { 200: { description: "A page of organizations.", schema: listOf(organizationWire) }, ...apiErrors },
  example: { query: { limit: "10" } },
  node: "const { data } = await workos.organizations.listOrganizations({ limit: 10 });",
});

registerOperation({
  method: "post",
  path: "/organizations",
  route: "/organizations",
  operationId: "createOrganization",
  summary: "Create an organization",
  tag,
  security: "apiKey",
  body: createOrganizationWire,
  responses: {
    201: { description: "The new organization.", schema: organizationWire },
    ...apiErrors,
    409: { description: "The external id is taken.", schema: errorSchema },
  },
  example: {
    body: {
      name: "Foo Corp",
      external_id: exampleIds.externalId,
      domain_data: [{ domain: "foo-corp.example.com", state: "pending" }],
      metadata: { tier: "enterprise" },
    },
  },
  node: `const organization = await workos.organizations.createOrganization({
  name: "Foo Corp",
  externalId: "${exampleIds.externalId}",
  domainData: [{ domain: "foo-corp.example.com", state: "pending" }],
});`,
});

registerOperation({
  method: "get",
  path: "/organizations/{id}",
  route: "/organizations/[id]",
  operationId: "getOrganization",
  summary: "Get an organization",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The organization.", schema: organizationWire }, ...apiErrors, ...notFound },
  example,
  node: `const organization = await workos.organizations.getOrganization("${exampleIds.organization}");`,
});

registerOperation({
  method: "put",
  path: "/organizations/{id}",
  route: "/organizations/[id]",
  operationId: "updateOrganization",
  summary: "Update an organization",
  tag,
  security: "apiKey",
  pathParams: idParams,
  body: updateOrganizationWire,
  responses: { 200: { description: "The updated organization.", schema: organizationWire }, ...apiErrors, ...notFound },
  example: { ...example, body: { name: "Foo Corporation" } },
  node: `const organization = await workos.organizations.updateOrganization({
  organization: "${exampleIds.organization}",
  name: "Foo Corporation",
});`,
});

registerOperation({
  method: "delete",
  path: "/organizations/{id}",
  route: "/organizations/[id]",
  operationId: "deleteOrganization",
  summary: "Delete an organization",
  description: "Deletes the organization with its domains, connections and directories.",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 204: { description: "Deleted." }, ...apiErrors, ...notFound },
  example,
  node: `await workos.organizations.deleteOrganization("${exampleIds.organization}");`,
});

registerOperation({
  method: "get",
  path: "/organizations/external_id/{externalId}",
  route: "/organizations/external_id/[externalId]",
  operationId: "getOrganizationByExternalId",
  summary: "Get an organization by its external id",
  tag,
  security: "apiKey",
  pathParams: z.object({ externalId: z.string().min(1).max(200) }),
  responses: { 200: { description: "The organization.", schema: organizationWire }, ...apiErrors, ...notFound },
  example: { path: { externalId: exampleIds.externalId } },
  node: `const organization = await workos.organizations.getOrganizationByExternalId("${exampleIds.externalId}");`,
});
