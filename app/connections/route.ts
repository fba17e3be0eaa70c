import { connectionInputFromWire, wireConnection, wireConnectionRow } from "@/server/api/connections";
import { apiRoute } from "@/server/api/route";
import { createConnectionWire } from "@/server/api/openapi/operations/connections";
import { listBody, listQuery } from "@/server/api/wire-input";
import { createConnection, listConnections } from "@/server/services/sso";
import type { CreateConnectionInput } from "@/server/services/sso/schemas";

export const GET = apiRoute(async ({ ctx, url }) => {
  const page = await listConnections(ctx, {
    ...listQuery(url),
    organizationId: url.searchParams.get("organization_id") ?? undefined,
    connectionType: url.searchParams.get("connection_type") ?? undefined,
    domain: url.searchParams.get("domain") ?? undefined,
  });
  const data = await Promise.all(page.data.map((row) => wireConnectionRow(ctx.db, row)));
  return { body: listBody({ data, listMetadata: page.listMetadata }) };
});

/** Portico extension: create a SAML connection the way the portal does (WORKOS-API.md has no such call). */
export const POST = apiRoute(async ({ ctx, body }) => ({
  status: 201,
  body: await wireConnection(ctx.db, await createConnection(ctx, connectionInputFromWire(createConnectionWire, body) as CreateConnectionInput)),
}));
