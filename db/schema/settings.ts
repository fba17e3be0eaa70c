import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { lifecycleDates } from "./columns";

/** Installation-wide settings (client id, auth secret, branding, ...), one row per key. */
export const installationSettings = pgTable("installation_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  ...lifecycleDates,
});
