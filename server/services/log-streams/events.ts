import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { auditLogEvents, type LogStreamRow } from "@/db/schema";
import type { StreamedEvent } from "@/server/wire/log-streams";

interface PositionedEvent {
  event: StreamedEvent;
  txId: string;
  seq: number;
  /** How long ago the event was written, by the database's clock. */
  waitedMs: number;
}

/**
 * The organization's events after the stream's cursor, oldest first. Only events of transactions older than
 * every transaction still running are read: an event whose transaction commits later has a larger `tx_id`
 * than any event read now, so it still lies ahead of the cursor when it becomes visible.
 */
export async function eventsAfterCursor(
  db: DbOrTx,
  stream: Pick<LogStreamRow, "organizationId" | "cursorTx" | "cursorSeq">,
  limit: number,
): Promise<PositionedEvent[]> {
  const rows = await db
    .select({
      id: auditLogEvents.id,
      action: auditLogEvents.action,
      actor: auditLogEvents.actor,
      targets: auditLogEvents.targets,
      location: auditLogEvents.location,
      userAgent: auditLogEvents.userAgent,
      occurredAt: auditLogEvents.occurredAt,
      metadata: auditLogEvents.metadata,
      txId: auditLogEvents.txId,
      seq: auditLogEvents.seq,
      waitedMs: sql<number>`extract(epoch from clock_timestamp() - ${auditLogEvents.createdAt}) * 1000`,
    })
    .from(auditLogEvents)
    .where(
      and(
        eq(auditLogEvents.organizationId, stream.organizationId),
        sql`(${auditLogEvents.txId}, ${auditLogEvents.seq}) > (${stream.cursorTx}::xid8, ${stream.cursorSeq}::bigint)`,
        sql`${auditLogEvents.txId} < pg_snapshot_xmin(pg_current_snapshot())`,
      ),
    )
    .orderBy(asc(auditLogEvents.txId), asc(auditLogEvents.seq))
    .limit(limit);
  return rows.map((row) => ({
    txId: String(row.txId),
    seq: Number(row.seq),
    waitedMs: Number(row.waitedMs),
    event: {
      id: row.id,
      action: row.action,
      actor: row.actor,
      targets: row.targets,
      context: row.userAgent ? { location: row.location, user_agent: row.userAgent } : { location: row.location },
      occurred_at: row.occurredAt.toISOString(),
      ...(row.metadata ? { metadata: row.metadata } : {}),
    },
  }));
}

/** A stream made now starts after every event already committed, and before any event still being written. */
export const cursorAtNow = sql`pg_snapshot_xmin(pg_current_snapshot())`;
