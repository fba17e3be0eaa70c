import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Every message Portico sends. With SMTP configured it is delivered and kept as a record; without,
 * it stays here as the dev outbox, so a local user can still open the links it carries.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    transport: text("transport", { enum: ["smtp", "outbox"] }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    error: text("error"),
    createdAt,
  },
  (t) => [index("mail_messages_created_at_idx").on(t.createdAt)],
);
