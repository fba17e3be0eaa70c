import { apiRoute } from "@/server/api/route";
import { bodyObject, listBody, listQuery } from "@/server/api/wire-input";
import { createEndpoint, listEndpoints } from "@/server/services/webhooks/endpoints";

export const GET = apiRoute(async ({ ctx, url }) => ({ body: listBody(await listEndpoints(ctx, listQuery(url))) }));

/** The answer is the only time the signing secret is shown in full. */
export const POST = apiRoute(async ({ ctx, body }) => {
  const b = bodyObject(body);
  // The service validates; the casts only name the expected shape.
  return { status: 201, body: await createEndpoint(ctx, { endpointUrl: b.endpoint_url as string, events: b.events as never }) };
});
