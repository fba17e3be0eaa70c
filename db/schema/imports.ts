import { boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { lifecycleDates } from "./columns";
import { organizations } from "./organizations";

export const polisImportKinds = ["organization", "connection", "directory"] as const;
export type PolisImportKind = (typeof polisImportKinds)[number];

/**
 * What an import from Ory Polis made, keyed by the Polis identity of the source (tenant+product, a
 * connection's clientID, a directory's id): a rerun updates the same rows, and a source whose
 * fingerprint did not change is left alone.
 */
export const polisImportItems = pgTable(
  "polis_import_items",
  {
    kind: text("kind", { enum: polisImportKinds }).notNull(),
    sourceKey: text("source_key").notNull(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    targetId: text("target_id").notNull(),
    /** SHA-256 over the source's imported fields (secrets included, so a changed secret is seen). */
    fingerprint: text("fingerprint").notNull(),
    ...lifecycleDates,
  },
  (t) => [primaryKey({ name: "polis_import_items_pk", columns: [t.kind, t.sourceKey] }), index("polis_import_items_organization_id_idx").on(t.organizationId)],
);
export type PolisImportItemRow = typeof polisImportItems.$inferSelect;

/** One import started from the dashboard, run as a background job; its report holds no secret. */
export const polisImportRuns = pgTable("polis_import_runs", {
  id: text("id").primaryKey(),
  state: text("state", { enum: ["queued", "running", "done", "failed"] })
    .notNull()
    .default("queued"),
  dryRun: boolean("dry_run").notNull().default(false),
  url: text("url").notNull(),
  products: jsonb("products").$type<string[]>().notNull(),
  /** AES-256-GCM under ENCRYPTION_KEY; erased when the run ends. */
  apiKey: text("api_key"),
  total: integer("total").notNull().default(0),
  completed: integer("completed").notNull().default(0),
  report: jsonb("report").$type<Record<string, unknown>>(),
  error: text("error"),
  createdBy: text("created_by").notNull(),
  ...lifecycleDates,
});
export type PolisImportRunRow = typeof polisImportRuns.$inferSelect;
