import { apiRoute } from "@/server/api/route";
import { getAuditLogExport } from "@/server/services/audit-logs/exports";
import { auditLogExportToWire } from "@/server/wire/audit-logs";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: auditLogExportToWire(await getAuditLogExport(ctx, { id: params.id })) }));
