import { apiRoute } from "@/server/api/route";
import { createAuditLogEvent } from "@/server/services/audit-logs/ingest";

export const POST = apiRoute(async ({ ctx, body }) => {
  await createAuditLogEvent(ctx, body);
  return { status: 201, body: { success: true } };
});
