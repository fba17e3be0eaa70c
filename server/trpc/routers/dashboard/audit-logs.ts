import { z } from "zod";
import { createAuditLogExport, getAuditLogExport } from "@/server/services/audit-logs/exports";
import { getAuditLogEvent, listAuditLogEvents } from "@/server/services/audit-logs/list";
import { router, staffProcedure } from "@/server/trpc/init";
import { eventId, viewerFilters, viewerList } from "../audit-log-inputs";
import { exportView } from "../audit-log-export-view";

const organization = z.object({ organizationId: z.string().min(1).max(100) });

/** Staff browse and export any organization's audit log; reading it is open to every role. */
export const auditLogsRouter = router({
  list: staffProcedure.input(viewerList.extend(organization.shape)).query(({ ctx, input }) => listAuditLogEvents(ctx.service, input)),
  get: staffProcedure.input(eventId.extend(organization.shape)).query(({ ctx, input }) => getAuditLogEvent(ctx.service, input)),
  createExport: staffProcedure.input(viewerFilters.extend(organization.shape)).mutation(async ({ ctx, input }) =>
    exportView(
      await createAuditLogExport(ctx.service, {
        ...input,
        rangeStart: input.rangeStart ?? new Date(0).toISOString(),
        rangeEnd: input.rangeEnd ?? new Date().toISOString(),
      }),
    ),
  ),
  getExport: staffProcedure.input(eventId.extend(organization.shape)).query(async ({ ctx, input }) => exportView(await getAuditLogExport(ctx.service, input))),
});
