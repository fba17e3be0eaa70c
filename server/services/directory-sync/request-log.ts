import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directoryRequests } from "@/db/schema";
import { newId } from "@/server/ids";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { findDirectoryRow } from "./access";
import { requireScope } from "@/server/services/scope";

interface ScimRequestEntry {
  organizationId: string;
  directoryId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  body: unknown;
  at: Date;
}

const sensitiveKey = /pass(word)?|secret|token|authorization/i;
const maxLoggedBytes = 16 * 1024;

/** What the log keeps of a body: secrets replaced, long strings cut, large bodies summarised. */
function redactBody(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[nested]";
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactBody(v, depth + 1));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sensitiveKey.test(k) ? "[redacted]" : redactBody(v, depth + 1)]));
  }
  if (typeof value === "string" && value.length > 500) return `${value.slice(0, 500)}…`;
  return value;
}

/**
 * The log is written in batches a moment after the requests, off their critical path: a crash loses at
 * most the last fraction of a second of log lines, never provisioning data.
 */
type Pending = { db: DbOrTx; row: typeof directoryRequests.$inferInsert };
const holder = ((
  globalThis as { __porticoScimLog?: { pending: Pending[]; timer?: NodeJS.Timeout; flushing?: Promise<void>; prunedAt: number } }
).__porticoScimLog ??= {
  pending: [],
  prunedAt: 0,
});
const flushDelayMs = 150;
const retentionDays = 30;

export function logScimRequest(db: DbOrTx, entry: ScimRequestEntry): void {
  const body = entry.body === undefined ? null : redactBody(entry.body);
  const text = JSON.stringify(body);
  holder.pending.push({
    db,
    row: {
      id: newId("directory_request"),
      organizationId: entry.organizationId,
      directoryId: entry.directoryId,
      method: entry.method,
      path: entry.path.slice(0, 2000),
      status: entry.status,
      durationMs: Math.round(entry.durationMs),
      requestBody: text && text.length > maxLoggedBytes ? { truncated: true, bytes: text.length } : body,
      createdAt: entry.at,
    },
  });
  if (holder.pending.length >= 500) void flushScimRequestLog();
  else if (!holder.timer) holder.timer = setTimeout(() => void flushScimRequestLog(), flushDelayMs).unref?.();
}

/** Drops this process's unwritten log lines of a directory (after a reset they belong to the old setup). */
export function forgetPendingRequests(directoryId: string): void {
  holder.pending = holder.pending.filter((p) => p.row.directoryId !== directoryId);
}

export async function flushScimRequestLog(): Promise<void> {
  if (holder.timer) clearTimeout(holder.timer);
  holder.timer = undefined;
  await holder.flushing;
  const batch = holder.pending.splice(0);
  if (batch.length === 0) return;
  const db = batch[0]!.db;
  holder.flushing = (async () => {
    try {
      // A directory deleted meanwhile takes its log lines with it.
      await db
        .insert(directoryRequests)
        .values(batch.map((b) => b.row))
        .onConflictDoNothing();
    } catch {
      for (const b of batch)
        await db
          .insert(directoryRequests)
          .values(b.row)
          .catch(() => {});
    }
    if (Date.now() - holder.prunedAt > 10 * 60_000) {
      holder.prunedAt = Date.now();
      await db
        .delete(directoryRequests)
        .where(lt(directoryRequests.createdAt, new Date(Date.now() - retentionDays * 86_400_000)))
        .catch(() => {});
    }
  })();
  await holder.flushing;
}

export async function listDirectoryRequests(ctx: ServiceContext, directoryId: string, limit = 50) {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  await findDirectoryRow(ctx, ctx.db, directoryId);
  return ctx.db
    .select()
    .from(directoryRequests)
    .where(eq(directoryRequests.directoryId, directoryId))
    .orderBy(desc(directoryRequests.createdAt), desc(directoryRequests.id))
    .limit(Math.min(200, Math.max(1, limit)));
}

/** Successful changes per day over the last `days` days (oldest first), for the portal's chart. */
export async function directoryActivity(ctx: ServiceContext, directoryId: string, days = 7) {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  await findDirectoryRow(ctx, ctx.db, directoryId);
  const now = nowOf(ctx);
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
  const rows = await ctx.db
    .select({ day: sql<string>`to_char(${directoryRequests.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`, count: sql<number>`count(*)`.mapWith(Number) })
    .from(directoryRequests)
    .where(
      and(
        eq(directoryRequests.directoryId, directoryId),
        gte(directoryRequests.createdAt, start),
        sql`${directoryRequests.method} <> 'GET'`,
        lt(directoryRequests.status, 400),
      ),
    )
    .groupBy(sql`1`);
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { day, count: rows.find((r) => r.day === day)?.count ?? 0 };
  });
}

/** The last successful SCIM request: the "last sync" the portal shows. */
export async function lastSyncAt(db: DbOrTx, directoryId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: directoryRequests.createdAt })
    .from(directoryRequests)
    .where(and(eq(directoryRequests.directoryId, directoryId), lt(directoryRequests.status, 400)))
    .orderBy(desc(directoryRequests.createdAt))
    .limit(1);
  return row?.at ?? null;
}
