import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates } from "./columns";
import { events } from "./events";

/**
 * Where events are sent. Installation-wide, like API keys (the integrator's backend). The signing
 * secret is encrypted at rest; after a rotation the previous secret keeps signing (beside the new one)
 * until `previousSecretExpiresAt`, so receivers can switch without dropping deliveries.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    endpointUrl: text("endpoint_url").notNull(),
    events: jsonb("events").$type<string[]>().notNull(),
    status: text("status", { enum: ["enabled", "disabled"] })
      .notNull()
      .default("enabled"),
    secretEncrypted: text("secret_encrypted").notNull(),
    /** The last characters of the secret, to recognise it in lists without revealing it. */
    secretSuffix: text("secret_suffix").notNull(),
    previousSecretEncrypted: text("previous_secret_encrypted"),
    previousSecretExpiresAt: timestamp("previous_secret_expires_at", { withTimezone: true, mode: "date" }),
    /** When the current run of failed deliveries began; cleared by any success. */
    failingSince: timestamp("failing_since", { withTimezone: true, mode: "date" }),
    /** Why Portico switched it off (`failing`), or null when staff or the API did. */
    disabledReason: text("disabled_reason"),
    ...lifecycleDates,
  },
  (t) => [index("webhook_endpoints_status_idx").on(t.status)],
);
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

/**
 * One event for one endpoint. Scheduling lives in the job queue (one `webhook.deliver` job per
 * delivery); this row is what staff see: state, attempts, the last answer and the next retry.
 * `testData` holds the body of a "Send test event", which has no row in `events`.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: text("event_id").references(() => events.id, { onDelete: "cascade" }),
    event: text("event").notNull(),
    testData: jsonb("test_data").$type<Record<string, unknown>>(),
    state: text("state", { enum: ["pending", "succeeded", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    lastStatusCode: integer("last_status_code"),
    lastDurationMs: integer("last_duration_ms"),
    lastError: text("last_error"),
    lastResponseBody: text("last_response_body"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "date" }),
    ...lifecycleDates,
  },
  (t) => [index("webhook_deliveries_endpoint_id_created_at_idx").on(t.endpointId, t.createdAt), index("webhook_deliveries_event_id_idx").on(t.eventId)],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;

/** Every attempt of a delivery, for the dashboard's history and to show the backoff actually used. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    responseBody: text("response_body"),
    createdAt,
  },
  (t) => [index("webhook_attempts_delivery_id_attempt_idx").on(t.deliveryId, t.attempt)],
);
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
