import { timestamp } from "drizzle-orm/pg-core";

/** Shared lifecycle columns; spread into each table. */
export const lifecycleDates = {
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
};

export const createdAt = timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
