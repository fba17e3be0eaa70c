import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { addDomainSchema } from "@/server/services/domains/add";
import { apiErrors, errorSchema, idParams, notFound } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";
import { organizationDomainWire } from "./organizations";

export const addDomainWire = wireSchema(addDomainSchema).meta({ id: "CreateOrganizationDomain" });

const lastCheck = z
  .object({
    outcome: z.enum(["verified", "no_record", "wrong_value", "nxdomain", "timeout", "dns_error"]),
    found: z.array(z.string()),
    detail: z.string(),
  })
  .nullable()
  .meta({ id: "DomainCheck", description: "Portico: what the last DNS lookup found." });

/** Portico adds the last DNS check and who added and verified the domain. */
const domainDetailWire = organizationDomainWire.extend({
  last_check: lastCheck,
  last_checked_at: z.iso.datetime({ offset: true }).nullable(),
  added_by: z.string().nullable(),
  verified_by: z.string().nullable(),
});

const tag = "Organization domains";
const example = { path: { id: exampleIds.domain } };

registerOperation({
  method: "post",
  path: "/organization_domains",
  route: "/organization_domains",
  operationId: "createOrganizationDomain",
  summary: "Add a domain to an organization",
  description: "The domain starts pending with a DNS TXT challenge (`verification_prefix`, `verification_token`).",
  tag,
  security: "apiKey",
  body: addDomainWire,
  responses: {
    201: { description: "The pending domain.", schema: organizationDomainWire },
    ...apiErrors,
    ...notFound,
    409: { description: "The domain belongs to an organization already.", schema: errorSchema },
  },
  example: { body: { organization_id: exampleIds.organization, domain: "foo-corp.example.net" } },
  node: `const domain = await workos.organizationDomains.create({
  organizationId: "${exampleIds.organization}",
  domain: "foo-corp.example.net",
});`,
});

registerOperation({
  method: "get",
  path: "/organization_domains/{id}",
  route: "/organization_domains/[id]",
  operationId: "getOrganizationDomain",
  summary: "Get a domain",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The domain with its last check.", schema: domainDetailWire }, ...apiErrors, ...notFound },
  example,
  node: `const domain = await workos.organizationDomains.get("${exampleIds.domain}");`,
});

registerOperation({
  method: "delete",
  path: "/organization_domains/{id}",
  route: "/organization_domains/[id]",
  operationId: "deleteOrganizationDomain",
  summary: "Remove a domain",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 204: { description: "Removed." }, ...apiErrors, ...notFound },
  example,
});

registerOperation({
  method: "post",
  path: "/organization_domains/{id}/verify",
  route: "/organization_domains/[id]/verify",
  operationId: "verifyOrganizationDomain",
  summary: "Check a domain's DNS challenge now",
  description: "Looks the TXT record up at once and answers with the domain's new state and what the lookup found.",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: {
    200: {
      description: "The domain after the check.",
      schema: organizationDomainWire.extend({ last_check: lastCheck.optional() }),
    },
    ...apiErrors,
    ...notFound,
  },
  example,
  node: `const domain = await workos.organizationDomains.verify("${exampleIds.domain}");`,
});
