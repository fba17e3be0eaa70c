import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { portalLinks } from "./portal";

/**
 * Every message Portico sends. With SMTP configured it is delivered and kept as a record; without,
 * it stays here as the dev outbox. Bodies are stored with their portal link taken out: a backup or a
 * reader of this table must not be able to open a customer's portal.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    /** The body with its link replaced by a placeholder. */
    text: text("text").notNull(),
    html: text("html").notNull(),
    transport: text("transport", { enum: ["smtp", "outbox"] }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    error: text("error"),
    /** The link the message carries, so the outbox can tell whether it is still active. */
    portalLinkId: text("portal_link_id").references(() => portalLinks.id, { onDelete: "set null" }),
    /** Outbox messages only (never delivered ones): the link, encrypted under ENCRYPTION_KEY. */
    sealedLink: text("sealed_link"),
    createdAt,
  },
  (t) => [index("mail_messages_created_at_idx").on(t.createdAt)],
);
