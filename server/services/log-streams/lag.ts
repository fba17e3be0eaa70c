import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { execRows } from "@/server/services/sql";

/**
 * The oldest audit-log event an active or failing log stream has not delivered yet: each stream's first
 * event past its cursor (an index range per stream), the oldest of those, in seconds; null when every
 * stream is caught up.
 */
export async function logStreamLagSeconds(db: DbOrTx): Promise<number | null> {
  const rows = await execRows<{ seconds: string | number | null }>(
    db,
    sql`select extract(epoch from now() - min(next.created_at)) as seconds
      from log_streams s
      cross join lateral (
        select e.created_at from audit_log_events e
        where e.organization_id = s.organization_id and (e.tx_id, e.seq) > (s.cursor_tx, s.cursor_seq)
        order by e.tx_id, e.seq limit 1
      ) next
      where s.state in ('active', 'error')`,
  );
  return rows[0]?.seconds == null ? null : Number(rows[0].seconds);
}
