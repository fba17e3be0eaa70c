import { createAuditLogExport, getAuditLogExport } from "@/server/services/audit-logs/exports";
import { getAuditLogEvent, listAuditLogEvents } from "@/server/services/audit-logs/list";
import { intentProcedure, router } from "@/server/trpc/init";
import { eventId, viewerFilters, viewerList } from "../audit-log-inputs";
import { exportView } from "../audit-log-export-view";

const auditLogs = intentProcedure("audit_logs");

/**
 * The IT admin's audit log. The inputs carry no organization: the service scopes every read and export
 * to the portal session's organization, so another organization's ids answer "not found".
 */
export const portalAuditLogsRouter = router({
  list: auditLogs.input(viewerList).query(({ ctx, input }) => listAuditLogEvents(ctx.service, input)),
  get: auditLogs.input(eventId).query(({ ctx, input }) => getAuditLogEvent(ctx.service, input)),
  createExport: auditLogs.input(viewerFilters).mutation(async ({ ctx, input }) =>
    exportView(
      await createAuditLogExport(ctx.service, {
        ...input,
        rangeStart: input.rangeStart ?? new Date(0).toISOString(),
        rangeEnd: input.rangeEnd ?? new Date().toISOString(),
      }),
    ),
  ),
  getExport: auditLogs.input(eventId).query(async ({ ctx, input }) => exportView(await getAuditLogExport(ctx.service, input))),
});
