import { apiRoute } from "@/server/api/route";
import { camelKeys, wireBody } from "@/server/api/wire-input";
import { createExportWire } from "@/server/api/openapi/operations/audit-logs";
import { createAuditLogExport } from "@/server/services/audit-logs/exports";
import { auditLogExportToWire } from "@/server/wire/audit-logs";

export const POST = apiRoute(async ({ ctx, body }) => {
  const row = await createAuditLogExport(ctx, camelKeys(wireBody(createExportWire, body)) as Parameters<typeof createAuditLogExport>[1]);
  return { status: 201, body: auditLogExportToWire({ ...row, url: null }) };
});
