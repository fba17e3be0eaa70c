import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { createAuditLogExport } from "@/server/services/audit-logs/exports";
import { auditLogExportToWire } from "@/server/wire/audit-logs";

export const POST = apiRoute(async ({ ctx, body }) => {
  const b = bodyObject(body);
  const row = await createAuditLogExport(ctx, {
    organizationId: b.organization_id as string,
    rangeStart: b.range_start as string,
    rangeEnd: b.range_end as string,
    actions: b.actions as string[] | undefined,
    actorNames: b.actor_names as string[] | undefined,
    actorIds: b.actor_ids as string[] | undefined,
    targets: b.targets as string[] | undefined,
  });
  return { status: 201, body: auditLogExportToWire({ ...row, url: null }) };
});
