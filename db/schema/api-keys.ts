import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { staff } from "./staff";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    /** SHA-256 of the whole secret, hex. The secret itself is never stored. */
    keyHash: text("key_hash").notNull(),
    /** The first characters of the secret, so staff can tell keys apart. */
    prefix: text("prefix").notNull(),
    createdBy: text("created_by").references(() => staff.id, { onDelete: "set null" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt,
  },
  (t) => [uniqueIndex("api_keys_key_hash_idx").on(t.keyHash)],
);

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** Stored responses for `Idempotency-Key`, per API key, kept 24 hours. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    apiKeyId: text("api_key_id").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** null while the first request is still running. */
    status: text("status"),
    /** The first response, encrypted under ENCRYPTION_KEY: it may carry a bearer secret. */
    responseBody: text("response_body"),
    createdAt,
  },
  (t) => [uniqueIndex("idempotency_keys_api_key_id_key_idx").on(t.apiKeyId, t.key), index("idempotency_keys_created_at_idx").on(t.createdAt)],
);
