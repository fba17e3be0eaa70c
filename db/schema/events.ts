import { index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** The event log. Written in the same transaction as the change it records. */
export const events = pgTable(
  "events",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id"),
    event: text("event").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt,
  },
  (t) => [
    index("events_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    index("events_event_created_at_idx").on(t.event, t.createdAt),
    // The 90-day purge and time-ranged listing across every type.
    index("events_created_at_idx").on(t.createdAt),
  ],
);

export type EventRow = typeof events.$inferSelect;
