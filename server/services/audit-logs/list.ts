import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { auditLogEvents, type AuditLogEventRow } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { afterCursor, auditLogFilterSchema, encodeCursor, filterConditions } from "./filters";
import { auditLogOrganization } from "./scope";

const listAuditLogEventsInput = auditLogFilterSchema.extend({
  organizationId: z.string().max(100).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
type ListAuditLogEventsInput = z.input<typeof listAuditLogEventsInput>;

interface AuditLogEventView {
  id: string;
  action: string;
  version: number | null;
  occurredAt: string;
  actor: AuditLogEventRow["actor"];
  targets: AuditLogEventRow["targets"];
  context: { location: string; userAgent: string | null };
  metadata: AuditLogEventRow["metadata"];
  createdAt: string;
}

function auditLogEventView(row: AuditLogEventRow): AuditLogEventView {
  return {
    id: row.id,
    action: row.action,
    version: row.version,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    targets: row.targets,
    context: { location: row.location, userAgent: row.userAgent },
    metadata: row.metadata,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The viewer's page: newest first, keyset-paged on (occurred_at, id) so deep pages cost the same. */
export async function listAuditLogEvents(ctx: ServiceContext, input: ListAuditLogEventsInput) {
  const data = parseInput(listAuditLogEventsInput, input);
  const organizationId = await auditLogOrganization(ctx, data.organizationId);
  const rows = await ctx.db
    .select()
    .from(auditLogEvents)
    .where(and(filterConditions(organizationId, data), afterCursor(data.cursor)))
    .orderBy(desc(auditLogEvents.occurredAt), desc(auditLogEvents.id))
    .limit(data.limit + 1);
  const page = rows.slice(0, data.limit);
  return { data: page.map(auditLogEventView), nextCursor: rows.length > data.limit ? encodeCursor(page.at(-1)!) : null };
}

export async function getAuditLogEvent(ctx: ServiceContext, input: { organizationId?: string; id: string }) {
  const data = parseInput(z.object({ organizationId: z.string().max(100).optional(), id: z.string().min(1).max(100) }), input);
  const organizationId = await auditLogOrganization(ctx, data.organizationId);
  const [row] = await ctx.db
    .select()
    .from(auditLogEvents)
    .where(and(eq(auditLogEvents.organizationId, organizationId), eq(auditLogEvents.id, data.id)));
  if (!row) throw new NotFoundError("audit log event", data.id);
  return auditLogEventView(row);
}
