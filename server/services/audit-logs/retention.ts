import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { auditLogEvents, auditLogSettings, logStreams, organizations } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import type { JobOutcome } from "@/server/jobs/runner";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { enqueueJob } from "@/server/services/jobs/queue";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { parseInput } from "@/server/services/validate";
import { logStreamToWire } from "@/server/wire/log-streams";

const DEFAULT_RETENTION_DAYS = 365;
export const AUDIT_LOG_PURGE_JOB = "audit_logs.purge";
const PURGE_INTERVAL_MS = 60 * 60_000;
const PURGE_BATCH = 1000;

/** SDK 11 sends `1_MONTH` … `11_MONTHS`, `1_YEAR` … `10_YEARS`; a month counts 30 days, a year 365. */
function daysOfPeriod(period: string): number | null {
  const match = /^(\d{1,2})_(MONTH|MONTHS|YEAR|YEARS)$/.exec(period);
  if (!match) return null;
  const n = Number(match[1]);
  const months = match[2]!.startsWith("MONTH");
  if (n < 1 || (months && n > 11) || (!months && n > 10)) return null;
  if ((n === 1) !== !match[2]!.endsWith("S")) return null;
  return months ? n * 30 : n * 365;
}

export const retentionBody = z.object({
  retention_period_in_days: z.union([z.literal(30), z.literal(365)]).optional(),
  retention_period: z.string().max(20).optional(),
});

export async function getAuditLogRetention(ctx: ServiceContext, organizationId: string): Promise<number> {
  requireRole(ctx, "viewer");
  await findOrganizationRow(ctx.db, organizationId);
  return retentionDays(ctx.db, organizationId);
}

async function retentionDays(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ days: auditLogSettings.retentionPeriodInDays })
    .from(auditLogSettings)
    .where(eq(auditLogSettings.organizationId, organizationId));
  return row?.days ?? DEFAULT_RETENTION_DAYS;
}

export async function setAuditLogRetention(ctx: ServiceContext, organizationId: string, body: unknown): Promise<number> {
  requireRole(ctx, "admin");
  const data = parseInput(retentionBody, body);
  const days = data.retention_period_in_days ?? (data.retention_period ? daysOfPeriod(data.retention_period) : null);
  if (!days) {
    const field = data.retention_period ? "retention_period" : "retention_period_in_days";
    throw new ValidationError([
      { field, code: "invalid", message: data.retention_period ? "is 1_MONTH … 11_MONTHS or 1_YEAR … 10_YEARS" : "is required: 30 or 365" },
    ]);
  }
  await findOrganizationRow(ctx.db, organizationId);
  const now = nowOf(ctx);
  await ctx.db
    .insert(auditLogSettings)
    .values({ organizationId, retentionPeriodInDays: days, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: auditLogSettings.organizationId, set: { retentionPeriodInDays: days, updatedAt: now } });
  return days;
}

export async function getAuditLogConfiguration(ctx: ServiceContext, organizationId: string) {
  const days = await getAuditLogRetention(ctx, organizationId);
  const [stream] = await ctx.db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId));
  return {
    organization_id: organizationId,
    retention_period_in_days: days,
    state: "active" as const,
    ...(stream ? { log_stream: logStreamToWire(stream) } : {}),
  };
}

/**
 * Deletes events older than each organization's retention, a bounded batch per statement so no
 * delete holds its locks for long; runs again at once while a batch came back full.
 */
export async function purgeExpiredAuditLogEvents(db: Db, now: Date): Promise<number> {
  let removed = 0;
  const orgs = await db
    .select({ id: organizations.id, days: sql<number | null>`${auditLogSettings.retentionPeriodInDays}` })
    .from(organizations)
    .leftJoin(auditLogSettings, eq(auditLogSettings.organizationId, organizations.id));
  for (const org of orgs) {
    const cutoff = new Date(now.getTime() - (org.days ?? DEFAULT_RETENTION_DAYS) * 86_400_000);
    for (;;) {
      const batch = db
        .select({ id: auditLogEvents.id })
        .from(auditLogEvents)
        .where(and(eq(auditLogEvents.organizationId, org.id), lt(auditLogEvents.occurredAt, cutoff)))
        .limit(PURGE_BATCH);
      const deleted = await db.delete(auditLogEvents).where(inArray(auditLogEvents.id, batch)).returning({ id: auditLogEvents.id });
      removed += deleted.length;
      if (deleted.length < PURGE_BATCH) break;
    }
  }
  return removed;
}

export async function runAuditLogPurge(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  await purgeExpiredAuditLogEvents(db, now);
  return { runAgainAt: new Date(now.getTime() + PURGE_INTERVAL_MS) };
}

export async function scheduleAuditLogPurge(db: DbOrTx, now = new Date()): Promise<void> {
  await enqueueJob(db, { kind: AUDIT_LOG_PURGE_JOB, payload: {}, runAt: now, dedupeKey: AUDIT_LOG_PURGE_JOB });
}
