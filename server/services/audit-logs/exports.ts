import { createHmac } from "node:crypto";
import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { auditLogEvents, auditLogExports, type AuditLogExportFilters, type AuditLogExportRow } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { digestsEqual } from "@/server/crypto/tokens";
import { env } from "@/server/env";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import type { JobOutcome } from "@/server/jobs/runner";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { enqueueJob } from "@/server/services/jobs/queue";
import { notifyJobWorkers } from "@/server/services/events/record";
import { execRows } from "@/server/services/sql";
import { parseInput } from "@/server/services/validate";
import { columnsAndCountSql, csvLine, csvLineSql, orderColumns } from "./csv";
import { auditLogFilterSchema, filterConditions, type AuditLogFilters } from "./filters";
import { auditLogOrganization } from "./scope";

export const AUDIT_LOG_EXPORT_JOB = "audit_logs.export";
/** How long a download link works; a new GET of the export gives a fresh one. */
const EXPORT_URL_TTL_MS = 10 * 60_000;
const PAGE = 500;
/** Columns beyond the fixed ones; an export with more drops the rest (in name order) rather than fail. */
const MAX_DYNAMIC_COLUMNS = 2000;

export const createExportInput = auditLogFilterSchema.extend({
  organizationId: z.string().max(100).optional(),
  rangeStart: z.coerce.date(),
  rangeEnd: z.coerce.date(),
});
type CreateExportInput = z.input<typeof createExportInput>;

export async function createAuditLogExport(ctx: ServiceContext, input: CreateExportInput): Promise<AuditLogExportRow> {
  const data = parseInput(createExportInput, input);
  const organizationId = await auditLogOrganization(ctx, data.organizationId);
  filterConditions(organizationId, data);
  const now = nowOf(ctx);
  const filters: AuditLogExportFilters = {
    rangeStart: data.rangeStart.toISOString(),
    rangeEnd: data.rangeEnd.toISOString(),
    ...(data.actions ? { actions: data.actions } : {}),
    ...(data.actorNames ? { actorNames: data.actorNames } : {}),
    ...(data.actorIds ? { actorIds: data.actorIds } : {}),
    ...(data.targets ? { targets: data.targets } : {}),
    ...(data.search ? { search: data.search } : {}),
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(auditLogExports)
      .values({ id: newId("audit_log_export"), organizationId, filters, asOf: now, createdAt: now, updatedAt: now })
      .returning();
    await enqueueJob(tx, { kind: AUDIT_LOG_EXPORT_JOB, payload: { exportId: row!.id }, maxAttempts: 3 });
    // A worker starts on it at once rather than at its next poll.
    await notifyJobWorkers(tx);
    return row!;
  });
}

export async function getAuditLogExport(
  ctx: ServiceContext,
  input: { id: string; organizationId?: string },
): Promise<AuditLogExportRow & { url: string | null }> {
  const id = parseInput(z.string().min(1).max(100), input.id);
  const scoped = ctx.actor.type === "apiKey" ? null : await auditLogOrganization(ctx, input.organizationId);
  const [row] = await ctx.db
    .select()
    .from(auditLogExports)
    .where(and(eq(auditLogExports.id, id), scoped ? eq(auditLogExports.organizationId, scoped) : undefined));
  if (!row) throw new NotFoundError("audit log export", id);
  return { ...row, url: row.state === "ready" ? signedExportUrl(row.id, nowOf(ctx)) : null };
}

function signature(id: string, expires: number): string {
  return createHmac("sha256", deriveSecret("audit-log-export-url")).update(`${id}.${expires}`).digest("hex");
}

function signedExportUrl(id: string, now: Date): string {
  const expires = now.getTime() + EXPORT_URL_TTL_MS;
  return `${env().publicUrl}/audit_logs/exports/${encodeURIComponent(id)}/download?expires=${expires}&signature=${signature(id, expires)}`;
}

/** The link is its own credential: a valid signature over the id and an expiry still ahead. */
export function verifyExportUrl(id: string, expires: string | null, sig: string | null, now = new Date()): boolean {
  const at = Number(expires);
  if (!Number.isSafeInteger(at) || !sig || !/^[0-9a-f]{64}$/.test(sig) || at < now.getTime()) return false;
  return digestsEqual(signature(id, at), sig);
}

function exportFilters(row: AuditLogExportRow): AuditLogFilters {
  const f = row.filters;
  return { ...f, rangeStart: new Date(f.rangeStart), rangeEnd: new Date(f.rangeEnd) };
}

/** The export's events, newest first, as of the export's creation. */
function exportWhere(row: AuditLogExportRow): SQL {
  return and(filterConditions(row.organizationId, exportFilters(row)), lte(auditLogEvents.createdAt, row.asOf))!;
}

/**
 * The export's CSV lines a page at a time, newest first, each page one string Postgres wrote. The keyset
 * is the last row's `(occurred_at, id)` as Postgres prints it, so no precision is lost between pages.
 */
async function* exportPages(db: DbOrTx, row: AuditLogExportRow, columns: string[]): AsyncGenerator<string> {
  const t = auditLogEvents;
  const where = exportWhere(row);
  const line = csvLineSql(columns);
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const keyset = after ? sql`and (${t.occurredAt}, ${t.id}) < (${after.at}::timestamptz, ${after.id}::text)` : sql``;
    const [page] = await execRows<{ text: string | null; rows: number; last_at: string | null; last_id: string | null }>(
      db,
      sql`select string_agg(p.line, '' order by p.occurred_at desc, p.id desc) as text, count(*)::int as rows,
            (array_agg(p.occurred_at::text order by p.occurred_at, p.id))[1] as last_at, (array_agg(p.id order by p.occurred_at, p.id))[1] as last_id
          from (select ${t.occurredAt} as occurred_at, ${t.id} as id, ${line} as line from ${t} where ${where} ${keyset}
                order by ${t.occurredAt} desc, ${t.id} desc limit ${PAGE}) as p`,
    );
    if (page?.text) yield page.text;
    if (!page || page.rows < PAGE || !page.last_at || !page.last_id) return;
    after = { at: page.last_at, id: page.last_id };
  }
}

/** The job: one pass to learn the columns and the count, then the export is ready to download. */
export async function runAuditLogExport(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const [row] = await db
    .select()
    .from(auditLogExports)
    .where(eq(auditLogExports.id, String(payload.exportId)));
  if (row?.state !== "pending") return { done: true };
  try {
    const [found] = await execRows<{ count: number; columns: string[] }>(db, columnsAndCountSql(exportWhere(row), MAX_DYNAMIC_COLUMNS));
    await db
      .update(auditLogExports)
      .set({ state: "ready", rowCount: found?.count ?? 0, columns: orderColumns(found?.columns ?? []), updatedAt: now })
      .where(eq(auditLogExports.id, row.id));
  } catch (error) {
    await db
      .update(auditLogExports)
      .set({ state: "error", error: error instanceof Error ? error.message.slice(0, 500) : "failed", updatedAt: now })
      .where(eq(auditLogExports.id, row.id));
  }
  return { done: true };
}

/** The CSV of a ready export as a stream, one database page at a time. */
export async function exportCsvStream(ctx: ServiceContext, id: string): Promise<ReadableStream<Uint8Array>> {
  const { db } = ctx;
  const [row] = await db.select().from(auditLogExports).where(eq(auditLogExports.id, id));
  if (row?.state !== "ready" || !row.columns) throw new NotFoundError("audit log export", id);
  const columns = row.columns;
  const pages = exportPages(db, row, columns);
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(columns)));
        return;
      }
      // One chunk per page of rows: a chunk per row would cost a write (and a compression flush) each.
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
}
