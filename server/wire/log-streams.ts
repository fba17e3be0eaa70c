import type { LogStreamKind, LogStreamRow } from "@/db/schema";

/** The event a destination receives: `{id, action, actor, targets, context, occurred_at, metadata?}`. */
export interface StreamedEvent {
  id: string;
  action: string;
  actor: unknown;
  targets: unknown[];
  context: { location: string; user_agent?: string };
  occurred_at: string;
  metadata?: Record<string, string | number | boolean>;
}

/** WorkOS names the destination types this way in `log_stream.type`. */
const logStreamTypes: Record<LogStreamKind, string> = { datadog: "Datadog", splunk: "Splunk", s3: "S3", https: "GenericHttps" };

/** `log_stream` of `GET /organizations/:id/audit_log_configuration`. */
export function logStreamToWire(row: LogStreamRow) {
  return {
    id: row.id,
    type: logStreamTypes[row.kind],
    state: row.state,
    last_synced_at: row.lastSyncedAt?.toISOString() ?? null,
    created_at: row.createdAt.toISOString(),
  };
}
