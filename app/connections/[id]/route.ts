import { connectionInputFromWire, wireConnection } from "@/server/api/connections";
import { apiRoute } from "@/server/api/route";
import { updateConnectionWire } from "@/server/api/openapi/operations/connections";
import { deleteConnection, getConnection, updateConnection } from "@/server/services/sso";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await wireConnection(ctx.db, await getConnection(ctx, params.id)) }));

/** Portico extension: update a SAML connection's IdP configuration, mapping or options. */
// The organization and type of a connection are fixed; the update schema drops them if sent.
export const PUT = apiRoute<{ id: string }>(async ({ ctx, params, body }) => ({
  body: await wireConnection(ctx.db, await updateConnection(ctx, params.id, connectionInputFromWire(updateConnectionWire, body))),
}));

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteConnection(ctx, params.id);
  return { status: 204 };
});
