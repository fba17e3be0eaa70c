import { sql, type SQL } from "drizzle-orm";
import type { DirectoryUserRow } from "@/db/schema";
import { eventRow, pendingEvent, webhookFanOutCtes } from "@/server/services/events/record";
import { directoryUserToWire } from "@/server/wire/directory-sync";

/**
 * SCIM user creation is the hottest write, so its `dsync.user.created` event rides in the same
 * statement as the insert (CTEs after `ins`), written only when the insert happened. The payload and
 * row still come from the typed event writer; only the SQL around them is built here.
 */
export function userCreatedEventSql(row: DirectoryUserRow, at: SQL): { ctes: SQL; queued: SQL } {
  const stored = eventRow(pendingEvent("dsync.user.created", directoryUserToWire(row), row.organizationId), row.createdAt);
  const ctes = sql`, ev as (insert into events (id, organization_id, event, data, created_at)
      select ${stored.id}, ${stored.organization_id}, ${stored.event}, ${JSON.stringify(stored.data)}::jsonb, ${at} from ins
      returning id, event)${webhookFanOutCtes()}`;
  return { ctes, queued: sql`(select count(*) from j)::int` };
}
