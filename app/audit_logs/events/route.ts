import { apiRoute } from "@/server/api/route";
import { createAuditLogEvent, createAuditLogEventInOneStatement } from "@/server/services/audit-logs/ingest";

const stored = { status: 201, body: { success: true } };

export const POST = apiRoute(
  async ({ ctx, body }) => {
    await createAuditLogEvent(ctx, body);
    return stored;
  },
  { oneStatement: { reply: stored, run: createAuditLogEventInOneStatement } },
);
