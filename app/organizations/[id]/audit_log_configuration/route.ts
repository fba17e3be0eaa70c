import { apiRoute } from "@/server/api/route";
import { getAuditLogConfiguration } from "@/server/services/audit-logs/retention";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getAuditLogConfiguration(ctx, params.id) }));
