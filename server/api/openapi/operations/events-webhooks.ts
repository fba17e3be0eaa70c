import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { createEndpointSchema, updateEndpointSchema } from "@/server/services/webhooks/endpoints";
import { eventNames } from "@/server/wire/events";
import { apiErrors, idParams, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

export const createWebhookEndpointWire = wireSchema(createEndpointSchema).meta({ id: "CreateWebhookEndpoint" });
/** The SDK sends every field, unset ones as null: null means "leave as is". */
export const updateWebhookEndpointWire = wireSchema(updateEndpointSchema, { nullable: true }).meta({ id: "UpdateWebhookEndpoint" });

const eventWire = z
  .object({
    object: z.literal("event"),
    id: z.string(),
    event: z.enum(eventNames),
    data: z.record(z.string(), z.unknown()),
    created_at: timestamp,
  })
  .meta({ id: "Event" });

const webhookEndpointWire = z
  .object({
    object: z.literal("webhook_endpoint"),
    id: z.string(),
    endpoint_url: z.string(),
    secret: z.string().meta({ description: "In full only in the answer that created it; afterwards masked." }),
    status: z.enum(["enabled", "disabled"]),
    events: z.array(z.string()),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "WebhookEndpoint" });

registerOperation({
  method: "get",
  path: "/events",
  route: "/events",
  operationId: "listEvents",
  summary: "List events",
  description: "Name at least one event type: `events` repeated, comma-joined, or as `events[]`.",
  tag: "Events",
  security: "apiKey",
  query: listQuery.omit({ before: true }).extend({
    events: z.string().min(1).meta({ description: "Event types, comma-separated (or the parameter repeated)." }),
    organization_id: z.string().max(100).optional(),
    range_start: z.iso.datetime({ offset: true }).optional(),
    range_end: z.iso.datetime({ offset: true }).optional(),
  }),
  responses: { 200: { description: "A page of events, oldest first unless `order` says otherwise.", schema: listOf(eventWire) }, ...apiErrors },
  example: { query: { events: "organization.created,connection.activated" } },
  node: `const { data } = await workos.events.listEvents({ events: ["organization.created", "connection.activated"] });`,
});

const tag = "Webhooks";

registerOperation({
  method: "get",
  path: "/webhook_endpoints",
  route: "/webhook_endpoints",
  operationId: "listWebhookEndpoints",
  summary: "List webhook endpoints",
  tag,
  security: "apiKey",
  query: listQuery,
  responses: { 200: { description: "A page of endpoints.", schema: listOf(webhookEndpointWire) }, ...apiErrors },
  example: {},
  node: "const { data } = await workos.webhooks.listWebhookEndpoints();",
});

registerOperation({
  method: "post",
  path: "/webhook_endpoints",
  route: "/webhook_endpoints",
  operationId: "createWebhookEndpoint",
  summary: "Create a webhook endpoint",
  description: "The answer is the only time the signing secret is shown in full.",
  tag,
  security: "apiKey",
  body: createWebhookEndpointWire,
  responses: { 201: { description: "The endpoint with its signing secret.", schema: webhookEndpointWire }, ...apiErrors },
  example: { body: { endpoint_url: "https://hooks.example.com/workos", events: ["organization.created", "dsync.user.created"] } },
  node: `const endpoint = await workos.webhooks.createWebhookEndpoint({
  endpointUrl: "https://hooks.example.com/workos",
  events: ["organization.created", "dsync.user.created"],
});`,
});

registerOperation({
  method: "patch",
  path: "/webhook_endpoints/{id}",
  route: "/webhook_endpoints/[id]",
  operationId: "updateWebhookEndpoint",
  summary: "Update a webhook endpoint",
  tag,
  security: "apiKey",
  pathParams: idParams,
  body: updateWebhookEndpointWire,
  responses: { 200: { description: "The endpoint.", schema: webhookEndpointWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.webhookEndpoint }, body: { status: "disabled" } },
  node: `const endpoint = await workos.webhooks.updateWebhookEndpoint({ id: "${exampleIds.webhookEndpoint}", status: "disabled" });`,
});

registerOperation({
  method: "delete",
  path: "/webhook_endpoints/{id}",
  route: "/webhook_endpoints/[id]",
  operationId: "deleteWebhookEndpoint",
  summary: "Delete a webhook endpoint",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 204: { description: "Deleted." }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.webhookEndpoint } },
  node: `await workos.webhooks.deleteWebhookEndpoint({ id: "${exampleIds.webhookEndpoint}" });`,
});
