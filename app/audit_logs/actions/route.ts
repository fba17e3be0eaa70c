import { apiRoute } from "@/server/api/route";
import { listBody, listQuery } from "@/server/api/wire-input";
import { listActions } from "@/server/services/audit-logs/action-schemas";
import { auditLogActionToWire } from "@/server/wire/audit-logs";

export const GET = apiRoute(async ({ ctx, url }) => {
  const page = await listActions(ctx, listQuery(url));
  return { body: listBody({ data: page.data.map(auditLogActionToWire), listMetadata: page.listMetadata }) };
});
