import { bigint, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates, tenantColumn } from "./columns";
import { organizations } from "./organizations";

/** A Postgres transaction id (`xid8`), read as its decimal text. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

export type LogStreamKind = "datadog" | "splunk" | "s3" | "https";
export type LogStreamState = "active" | "inactive" | "error" | "invalid";

/** What a stream needs besides its secrets; the secrets are sealed in `credentialsEncrypted`. */
export interface LogStreamSettings {
  /** Datadog: US1, US3, US5, EU1, US1-FED, AP1. */
  site?: string;
  /** Datadog `ddsource`, Splunk `source`, generic `source`. */
  source?: string;
  /** Splunk instance URL, or the generic HTTPS URL. */
  url?: string;
  bucket?: string;
  region?: string;
  prefix?: string;
  /** An S3-compatible store's endpoint; unset means AWS. */
  endpoint?: string;
  /** S3: assume this role with the stream's external id instead of using an access key pair. */
  roleArn?: string;
  accessKeyId?: string;
  /** Generic HTTPS: one JSON array per batch, or one JSON object per line. */
  format?: "json" | "ndjson";
  /** Generic HTTPS: the names of the custom headers (their values are secrets). */
  headerNames?: string[];
}

/**
 * An organization's log stream: where its audit-log events go. One per organization. The cursor is a
 * position in the organization's events ordered by (`tx_id`, `seq`) (see `auditLogEvents`): everything
 * at or before it was acknowledged by the destination. A worker holds a stream by its lease while it
 * sends one batch, so two instances never send the same batch.
 */
export const logStreams = pgTable(
  "log_streams",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id).unique("log_streams_organization_id_key"),
    kind: text("kind", { enum: ["datadog", "splunk", "s3", "https"] })
      .$type<LogStreamKind>()
      .notNull(),
    settings: jsonb("settings").$type<LogStreamSettings>().notNull(),
    credentialsEncrypted: text("credentials_encrypted").notNull(),
    /** The last characters of the main secret, shown as ••••1234. */
    credentialHint: text("credential_hint").notNull(),
    /** S3 role assumption: the external id Portico shows and sends. Not a secret. */
    externalId: text("external_id").notNull(),
    state: text("state", { enum: ["active", "inactive", "error", "invalid"] })
      .$type<LogStreamState>()
      .notNull(),
    stateReason: text("state_reason"),
    cursorTx: xid8("cursor_tx").notNull(),
    cursorSeq: bigint("cursor_seq", { mode: "number" }).notNull().default(0),
    /** Consecutive failed attempts; 0 after any success. */
    failures: integer("failures").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    leaseToken: text("lease_token"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    lastSyncedAt: timestamp("last_synced_at", { withTimezone: true, mode: "date" }),
    ...lifecycleDates,
  },
  (t) => [index("log_streams_state_next_attempt_at_idx").on(t.state, t.nextAttemptAt)],
);
export type LogStreamRow = typeof logStreams.$inferSelect;

/** A failed attempt with the destination's answer; the last few are kept per stream. */
export const logStreamFailures = pgTable(
  "log_stream_failures",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    streamId: text("stream_id")
      .notNull()
      .references(() => logStreams.id, { onDelete: "cascade" }),
    statusCode: integer("status_code"),
    error: text("error").notNull(),
    responseBody: text("response_body"),
    events: integer("events").notNull(),
    createdAt,
  },
  (t) => [index("log_stream_failures_organization_id_stream_id_created_at_idx").on(t.organizationId, t.streamId, t.createdAt)],
);
export type LogStreamFailureRow = typeof logStreamFailures.$inferSelect;

/** Events delivered per stream and day, for "delivered in the last 7 days". */
export const logStreamDailyCounts = pgTable(
  "log_stream_daily_counts",
  {
    streamId: text("stream_id")
      .notNull()
      .references(() => logStreams.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    delivered: integer("delivered").notNull().default(0),
  },
  (t) => [primaryKey({ name: "log_stream_daily_counts_pkey", columns: [t.streamId, t.day] })],
);
