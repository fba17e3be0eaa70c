import { apiRoute } from "@/server/api/route";
import { getAuditLogRetention, setAuditLogRetention } from "@/server/services/audit-logs/retention";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({
  body: { retention_period_in_days: await getAuditLogRetention(ctx, params.id) },
}));

export const PUT = apiRoute<{ id: string }>(async ({ ctx, params, body }) => ({
  body: { retention_period_in_days: await setAuditLogRetention(ctx, params.id, body) },
}));
