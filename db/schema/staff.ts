import { boolean, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
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
  ],
);
