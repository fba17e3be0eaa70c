import { apiRoute } from "@/server/api/route";
import { camelKeys, wireBody } from "@/server/api/wire-input";
import { updateWebhookEndpointWire } from "@/server/api/openapi/operations/events-webhooks";
import { deleteEndpoint, updateEndpoint } from "@/server/services/webhooks/endpoints";

export const PATCH = apiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  // The SDK sends every field, unset ones as undefined (dropped by JSON) or null: both mean "leave as is".
  const input = camelKeys(wireBody(updateWebhookEndpointWire, body, { dropNull: true })) as Parameters<typeof updateEndpoint>[2];
  return { body: await updateEndpoint(ctx, params.id, input) };
});

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteEndpoint(ctx, params.id);
  return { status: 204 };
});
