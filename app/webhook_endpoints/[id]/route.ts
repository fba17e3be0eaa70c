import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { deleteEndpoint, updateEndpoint } from "@/server/services/webhooks/endpoints";

export const PATCH = apiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const b = bodyObject(body);
  // The SDK sends every field, unset ones as undefined (dropped by JSON) or null: both mean "leave as is".
  const input = {
    endpointUrl: (b.endpoint_url ?? undefined) as string | undefined,
    events: (b.events ?? undefined) as never,
    status: (b.status ?? undefined) as "enabled" | "disabled" | undefined,
  };
  return { body: await updateEndpoint(ctx, params.id, input) };
});

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteEndpoint(ctx, params.id);
  return { status: 204 };
});
