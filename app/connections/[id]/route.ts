import { connectionInputFromWire, wireConnection } from "@/server/api/connections";
import { apiRoute } from "@/server/api/route";
import { updateConnectionWire } from "@/server/api/openapi/operations/connections";
import { bodyObject } from "@/server/api/wire-input";
import { deleteConnection, getConnection, setConnectionState, updateConnection } from "@/server/services/sso";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await wireConnection(ctx.db, await getConnection(ctx, params.id)) }));

/**
 * Portico extension: update a connection's IdP configuration, mapping or options, and/or switch it on or
 * off with `{"state": "active"|"inactive"}` (the configuration first, so one call can configure and activate).
 */
// The organization and type of a connection are fixed; the update schema drops them if sent.
export const PUT = apiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const { state, ...rest } = bodyObject(body);
  const changes = connectionInputFromWire(updateConnectionWire, rest);
  let view = Object.keys(changes).length > 0 || state === undefined ? await updateConnection(ctx, params.id, changes) : null;
  if (state !== undefined) view = await setConnectionState(ctx, params.id, { state });
  return { body: await wireConnection(ctx.db, view!) };
});

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteConnection(ctx, params.id);
  return { status: 204 };
});
