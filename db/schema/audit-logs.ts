import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates, tenantColumn } from "./columns";
import { xid8 } from "./log-streams";
import { organizations } from "./organizations";

export interface AuditLogActor {
  id: string;
  type: string;
  name?: string;
  metadata?: Record<string, string | number | boolean>;
}
export type AuditLogTarget = AuditLogActor;

/**
 * Audit-log events an integrator (or Portico itself) recorded for an organization. Kept apart from the
 * `events` stream: these are the customer's own record of who did what, browsable and exportable.
 */
export const auditLogEvents = pgTable(
  "audit_log_events",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    action: text("action").notNull(),
    version: integer("version"),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "date" }).notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name"),
    actorType: text("actor_type").notNull(),
    actor: jsonb("actor").$type<AuditLogActor>().notNull(),
    targets: jsonb("targets").$type<AuditLogTarget[]>().notNull(),
    /** Lower-cased actor and target names and ids, for the viewer's free-text search. */
    searchText: text("search_text").notNull(),
    location: text("location").notNull(),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, string | number | boolean>>(),
    /**
     * The inserting transaction and the insertion order: log streams read events by (`tx_id`, `seq`) and
     * only below the oldest transaction still running, so an event committed late is never skipped.
     */
    txId: xid8("tx_id").notNull().default(sql`pg_current_xact_id()`),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    createdAt,
  },
  (t) => [
    // Keyset paging of the viewer and the export, newest first within one organization. Ascending on purpose:
    // read backwards it gives `occurred_at DESC, id DESC` exactly, where drizzle's `.desc()` would add
    // NULLS LAST, which the queries' `ORDER BY ... DESC` (NULLS FIRST) cannot use.
    index("audit_log_events_organization_id_occurred_at_id_idx").on(t.organizationId, t.occurredAt, t.id),
    index("audit_log_events_organization_id_action_occurred_at_idx").on(t.organizationId, t.action, t.occurredAt, t.id),
    index("audit_log_events_organization_id_actor_id_occurred_at_idx").on(t.organizationId, t.actorId, t.occurredAt, t.id),
    // The viewer's actor box matches an id or a name: with both indexed the two become one bitmap scan.
    index("audit_log_events_organization_id_actor_name_occurred_at_idx").on(t.organizationId, t.actorName, t.occurredAt, t.id),
    index("audit_log_events_organization_id_tx_id_seq_idx").on(t.organizationId, t.txId, t.seq),
    // Free-text search (`search_text LIKE '%term%'` within one organization): the organization and the term's
    // trigrams are matched in one index (btree_gin), so a rare term is found without reading the organization's
    // whole log, and a term common elsewhere costs nothing here.
    index("audit_log_events_organization_id_search_text_trgm_idx").using("gin", t.organizationId, t.searchText.op("gin_trgm_ops")),
  ],
);

/** One immutable version of an action's schema. Schemas belong to the installation, as in WorkOS. */
export const auditLogSchemas = pgTable(
  "audit_log_schemas",
  {
    action: text("action").notNull(),
    version: integer("version").notNull(),
    schema: jsonb("schema").$type<Record<string, unknown>>().notNull(),
    createdAt,
  },
  (t) => [primaryKey({ name: "audit_log_schemas_pkey", columns: [t.action, t.version] })],
);

export interface AuditLogExportFilters {
  rangeStart: string;
  rangeEnd: string;
  actions?: string[];
  actorNames?: string[];
  actorIds?: string[];
  targets?: string[];
  search?: string;
}

export const auditLogExports = pgTable(
  "audit_log_exports",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    state: text("state", { enum: ["pending", "ready", "error"] })
      .notNull()
      .default("pending"),
    filters: jsonb("filters").$type<AuditLogExportFilters>().notNull(),
    /** Events recorded after this instant are not part of the export, so a download is stable. */
    asOf: timestamp("as_of", { withTimezone: true, mode: "date" }).notNull(),
    rowCount: integer("row_count"),
    /** The CSV header, found by the export job: fixed fields, then every metadata key and target slot seen. */
    columns: jsonb("columns").$type<string[]>(),
    error: text("error"),
    ...lifecycleDates,
  },
  (t) => [index("audit_log_exports_organization_id_created_at_idx").on(t.organizationId, t.createdAt)],
);

/** Per-organization audit-log settings; an organization without a row keeps events 365 days. */
export const auditLogSettings = pgTable("audit_log_settings", {
  organizationId: text("organization_id")
    .primaryKey()
    .references(() => organizations.id, { onDelete: "cascade" }),
  retentionPeriodInDays: integer("retention_period_in_days").notNull().default(sql`365`),
  ...lifecycleDates,
});

export type AuditLogEventRow = typeof auditLogEvents.$inferSelect;
export type AuditLogSchemaRow = typeof auditLogSchemas.$inferSelect;
export type AuditLogExportRow = typeof auditLogExports.$inferSelect;
