import { z } from "zod";
import { createItContactBody, inviteItContactBody } from "@/server/services/portal/it-contacts";
import { apiErrors, errorSchema, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

const itContactWire = z
  .object({ object: z.literal("it_contact"), id: z.string(), email: z.string(), created_at: timestamp, updated_at: timestamp })
  .meta({ id: "ItContact" });

const setupLinkWire = z
  .object({
    object: z.literal("portal_setup_link"),
    id: z.string(),
    organization_id: z.string(),
    intents: z.array(z.string()),
    sent_to: z.string().nullable(),
    state: z.enum(["active", "revoked"]),
    expires_at: timestamp,
    created_at: timestamp,
  })
  .meta({ id: "PortalSetupLink" });

const tag = "IT contacts";
const orgParams = z.object({ id: z.string().min(1).max(100) });
const contactParams = orgParams.extend({ contactId: z.string().min(1).max(100) });
const contactExample = { id: exampleIds.organization, contactId: exampleIds.itContact };
const description = "Portico extension: the people at a customer who set up SSO and Directory Sync, and the setup links emailed to them.";

registerOperation({
  method: "get",
  path: "/organizations/{id}/it_contacts",
  route: "/organizations/[id]/it_contacts",
  operationId: "listItContacts",
  summary: "List an organization's IT contacts",
  description,
  tag,
  security: "apiKey",
  extension: true,
  pathParams: orgParams,
  query: listQuery,
  responses: { 200: { description: "A page of IT contacts.", schema: listOf(itContactWire) }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.organization } },
});

registerOperation({
  method: "post",
  path: "/organizations/{id}/it_contacts",
  route: "/organizations/[id]/it_contacts",
  operationId: "createItContact",
  summary: "Add an IT contact",
  description,
  tag,
  security: "apiKey",
  extension: true,
  pathParams: orgParams,
  body: createItContactBody,
  responses: {
    201: { description: "The new IT contact.", schema: itContactWire },
    ...apiErrors,
    ...notFound,
    409: { description: "The contact already exists.", schema: errorSchema },
  },
  example: { path: { id: exampleIds.organization }, body: { email: "it-admin@foo-corp.example.com" } },
});

registerOperation({
  method: "delete",
  path: "/organizations/{id}/it_contacts/{contactId}",
  route: "/organizations/[id]/it_contacts/[contactId]",
  operationId: "deleteItContact",
  summary: "Remove an IT contact",
  description,
  tag,
  security: "apiKey",
  extension: true,
  pathParams: contactParams,
  responses: { 204: { description: "Removed." }, ...apiErrors, ...notFound },
  example: { path: contactExample },
});

registerOperation({
  method: "post",
  path: "/organizations/{id}/it_contacts/{contactId}/invite",
  route: "/organizations/[id]/it_contacts/[contactId]/invite",
  operationId: "inviteItContact",
  summary: "Email an IT contact a setup link",
  description,
  tag,
  security: "apiKey",
  extension: true,
  pathParams: contactParams,
  body: inviteItContactBody,
  responses: {
    201: { description: "The setup link that was sent.", schema: setupLinkWire },
    ...apiErrors,
    ...notFound,
    409: { description: "The organization already has an active setup link.", schema: errorSchema },
  },
  example: { path: contactExample, body: { intents: ["sso", "dsync"] } },
});

registerOperation({
  method: "post",
  path: "/organizations/{id}/it_contacts/{contactId}/revoke",
  route: "/organizations/[id]/it_contacts/[contactId]/revoke",
  operationId: "revokeItContactInvitation",
  summary: "Revoke the setup link sent to an IT contact",
  description,
  tag,
  security: "apiKey",
  extension: true,
  pathParams: contactParams,
  responses: { 200: { description: "The revoked link.", schema: setupLinkWire }, ...apiErrors, ...notFound },
  example: { path: contactExample },
});
