import { type AnyPgColumn, text, timestamp } from "drizzle-orm/pg-core";

/** Shared lifecycle columns; spread into each table. */
export const lifecycleDates = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

export const createdAt = timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

/**
 * The organization a tenant row belongs to: required, and deleted with its organization. Tenant tables
 * lead their indexes with it, so every scoped query is an index range. The organizations table is passed
 * in (`() => organizations.id`) because it is itself built from this file's columns.
 */
export function tenantColumn(organizationsId: () => AnyPgColumn) {
  return text("organization_id").notNull().references(organizationsId, { onDelete: "cascade" });
}
