import { apiRoute } from "@/server/api/route";
import { camelKeys, listBody, listQuery, wireBody } from "@/server/api/wire-input";
import { createWebhookEndpointWire } from "@/server/api/openapi/operations/events-webhooks";
import { createEndpoint, listEndpoints } from "@/server/services/webhooks/endpoints";

export const GET = apiRoute(async ({ ctx, url }) => ({ body: listBody(await listEndpoints(ctx, listQuery(url))) }));

/** The answer is the only time the signing secret is shown in full. */
export const POST = apiRoute(async ({ ctx, body }) => {
  const input = camelKeys(wireBody(createWebhookEndpointWire, body)) as Parameters<typeof createEndpoint>[1];
  return { status: 201, body: await createEndpoint(ctx, input) };
});
