import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates } from "./columns";

export const staffRoles = ["owner", "admin", "viewer"] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staff = pgTable(
  "staff",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: staffRoles }).notNull(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
    ...lifecycleDates,
  },
  (t) => [uniqueIndex("staff_email_idx").on(t.email)],
);

export type StaffRow = typeof staff.$inferSelect;

/** Invitations by link. The first-run owner setup link is an invitation with role owner and no email. */
export const staffInvitations = pgTable(
  "staff_invitations",
  {
    id: text("id").primaryKey(),
    email: text("email"),
    role: text("role", { enum: staffRoles }).notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => staff.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    createdAt,
  },
  (t) => [uniqueIndex("staff_invitations_token_hash_idx").on(t.tokenHash)],
);

export type StaffInvitationRow = typeof staffInvitations.$inferSelect;

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt,
  },
  (t) => [
    index("sign_in_attempts_email_created_at_idx").on(t.email, t.createdAt),
    index("sign_in_attempts_ip_created_at_idx").on(t.ip, t.createdAt),
    index("sign_in_attempts_created_at_idx").on(t.createdAt),
  ],
);

/**
 * Sign-in attempts reserved per fixed window, by key (`email+client:`, `client:`, `email:`, `alert:`).
 * An attempt is counted here, in one upsert, before its password is checked, so parallel guesses
 * cannot all pass a check that none of them has counted yet.
 */
export const signInCounters = pgTable(
  "sign_in_counters",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ name: "sign_in_counters_pk", columns: [t.key, t.windowStart] }), index("sign_in_counters_window_start_idx").on(t.windowStart)],
);

/**
 * Server-side staff sessions. The session cookie carries a random id whose SHA-256 is stored here;
 * deleting the row ends the session at once (sign-out, role change, removal, password change).
 */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt,
  },
  (t) => [
    uniqueIndex("staff_sessions_token_hash_idx").on(t.tokenHash),
    index("staff_sessions_staff_id_idx").on(t.staffId),
    index("staff_sessions_expires_at_idx").on(t.expiresAt),
  ],
);
