import { createHmac } from "node:crypto";
import { and, desc, eq, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { auditLogEvents, auditLogExports, type AuditLogEventRow, type AuditLogExportFilters, type AuditLogExportRow } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { digestsEqual } from "@/server/crypto/tokens";
import { env } from "@/server/env";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import type { JobOutcome } from "@/server/jobs/runner";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { enqueueJob } from "@/server/services/jobs/queue";
import { notifyJobWorkers } from "@/server/services/events/record";
import { parseInput } from "@/server/services/validate";
import { csvLine, flattenEvent, orderColumns } from "./csv";
import { afterCursor, auditLogFilterSchema, encodeCursor, filterConditions, type AuditLogFilters } from "./filters";
import { auditLogOrganization } from "./scope";

export const AUDIT_LOG_EXPORT_JOB = "audit_logs.export";
/** How long a download link works; a new GET of the export gives a fresh one. */
const EXPORT_URL_TTL_MS = 10 * 60_000;
const PAGE = 500;
const MAX_COLUMNS = 2000;

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

/** Walks the export's events a page at a time, newest first: memory stays one page whatever the size. */
async function* exportRows(db: DbOrTx, row: AuditLogExportRow): AsyncGenerator<AuditLogEventRow> {
  const where = and(filterConditions(row.organizationId, exportFilters(row)), lte(auditLogEvents.createdAt, row.asOf));
  let cursor: string | undefined;
  for (;;) {
    const page = await db
      .select()
      .from(auditLogEvents)
      .where(and(where, afterCursor(cursor)))
      .orderBy(desc(auditLogEvents.occurredAt), desc(auditLogEvents.id))
      .limit(PAGE);
    yield* page;
    if (page.length < PAGE) return;
    cursor = encodeCursor(page.at(-1)!);
  }
}

/** The job: one pass to learn the columns and the count, then the export is ready to download. */
export async function runAuditLogExport(db: Db, payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const [row] = await db
    .select()
    .from(auditLogExports)
    .where(eq(auditLogExports.id, String(payload.exportId)));
  if (row?.state !== "pending") return { done: true };
  const seen = new Set<string>();
  let count = 0;
  try {
    for await (const event of exportRows(db, row)) {
      count++;
      for (const key of flattenEvent(event).keys()) if (seen.size < MAX_COLUMNS) seen.add(key);
    }
    await db
      .update(auditLogExports)
      .set({ state: "ready", rowCount: count, columns: orderColumns(seen), updatedAt: now })
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
  const rows = exportRows(db, row);
  const encoder = new TextEncoder();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvLine(columns)));
        return;
      }
      // Rows go out in chunks of about 64 KB: a chunk per row would cost a write (and a compression flush) each.
      let chunk = "";
      while (chunk.length < 65_536) {
        const next = await rows.next();
        if (next.done) break;
        const flat = flattenEvent(next.value);
        chunk += csvLine(columns.map((c) => flat.get(c)));
      }
      if (chunk) controller.enqueue(encoder.encode(chunk));
      else controller.close();
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}
