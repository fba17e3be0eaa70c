import { apiRoute } from "@/server/api/route";
import { bodyObject, listBody, listQuery } from "@/server/api/wire-input";
import { createActionSchema, listActionSchemas } from "@/server/services/audit-logs/action-schemas";
import { auditLogSchemaToWire } from "@/server/wire/audit-logs";

export const POST = apiRoute<{ action: string }>(async ({ ctx, params, body }) => ({
  status: 201,
  body: auditLogSchemaToWire(await createActionSchema(ctx, { action: params.action, schema: bodyObject(body) })),
}));

export const GET = apiRoute<{ action: string }>(async ({ ctx, params, url }) => {
  const page = await listActionSchemas(ctx, { action: params.action, ...listQuery(url) });
  return { body: listBody({ data: page.data.map(auditLogSchemaToWire), listMetadata: page.listMetadata }) };
});
