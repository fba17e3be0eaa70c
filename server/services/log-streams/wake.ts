import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** The channel committed audit-log events are announced on (payload: the organization's id), so a stream need not wait for its next poll. */
export const LOG_STREAMS_CHANNEL = "portico_log_streams";
/** An instance announces an organization at most this often: a busy organization costs a few notifications a second, not one per event. */
const ANNOUNCE_EVERY_MS = 25;

const pending = new Set<string>();
let timer: NodeJS.Timeout | null = null;
let lastFlush = 0;
let target: Db | null = null;

/**
 * Announces that the organization has new audit-log events. Call once they are committed (outside any
 * transaction): the announcement goes out shortly after, several organizations and events in one
 * statement. A lost announcement costs only time: every stream is still polled.
 */
export function announceAuditLogEvents(db: Db, organizationId: string): void {
  pending.add(organizationId);
  target = db;
  if (timer) return;
  timer = setTimeout(flush, Math.max(0, lastFlush + ANNOUNCE_EVERY_MS - Date.now()));
  timer.unref();
}

function flush(): void {
  timer = null;
  lastFlush = Date.now();
  const ids = [...pending];
  pending.clear();
  if (!target || ids.length === 0) return;
  target
    .execute(
      sql`select pg_notify(${LOG_STREAMS_CHANNEL}, id) from unnest(array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::text[]) as id`,
    )
    .catch(() => {});
}
