import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { lifecycleDates } from "./columns";

/**
 * The background job queue. Workers in every app instance claim due jobs with
 * `FOR UPDATE SKIP LOCKED`, so each job runs once however many instances there are; a crashed
 * worker's lease runs out and the job is picked up again.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    /** At most one queued job per key (e.g. one re-check per domain). */
    dedupeKey: text("dedupe_key"),
    state: text("state", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    runAt: timestamp("run_at", { withTimezone: true, mode: "date" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(8),
    lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "date" }),
    /**
     * A fresh random value per claim. A worker finishes or reschedules only the claim it holds: once its
     * lease ran out and another worker claimed the job, the old worker's writes match no row.
     */
    leaseToken: text("lease_token"),
    lastError: text("last_error"),
    ...lifecycleDates,
  },
  (t) => [uniqueIndex("jobs_dedupe_key_idx").on(t.dedupeKey), index("jobs_state_run_at_idx").on(t.state, t.runAt)],
);

export type JobRow = typeof jobs.$inferSelect;
