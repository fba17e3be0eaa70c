import { connectionInputFromWire, wireConnection } from "@/server/api/connections";
import { apiRoute } from "@/server/api/route";
import { deleteConnection, getConnection, updateConnection } from "@/server/services/sso";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await wireConnection(ctx.db, await getConnection(ctx, params.id)) }));

/** Portico extension: update a SAML connection's IdP configuration, mapping or options. */
export const PUT = apiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const { organizationId: _ignored, connectionType: _type, ...input } = connectionInputFromWire(body);
  return { body: await wireConnection(ctx.db, await updateConnection(ctx, params.id, input)) };
});

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteConnection(ctx, params.id);
  return { status: 204 };
});
