import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, lifecycleDates, tenantColumn } from "./columns";
import { organizations } from "./organizations";

export const portalIntents = ["domain_verification", "sso", "dsync", "audit_logs", "log_streams", "certificate_renewal"] as const;
export type PortalIntent = (typeof portalIntents)[number];

/**
 * Admin Portal links. `setup` links come from the dashboard's "Invite admin" (30 days, one active per
 * organization, revocable); `api` links from `POST /portal/generate_link` (5 minutes, one exchange).
 */
export const portalLinks = pgTable(
  "portal_links",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    kind: text("kind", { enum: ["setup", "api"] }).notNull(),
    intents: jsonb("intents").$type<PortalIntent[]>().notNull(),
    tokenHash: text("token_hash").notNull(),
    /** Who the setup link was sent to, when it was emailed. */
    sentTo: text("sent_to"),
    itContactId: text("it_contact_id"),
    /** "staff:<id>", "api_key:<id>" or "system". */
    createdBy: text("created_by").notNull(),
    returnUrl: text("return_url"),
    successUrl: text("success_url"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    revokedReason: text("revoked_reason", { enum: ["revoked", "completed", "expired"] }),
    createdAt,
  },
  (t) => [
    uniqueIndex("portal_links_token_hash_idx").on(t.tokenHash),
    index("portal_links_organization_id_created_at_idx").on(t.organizationId, t.createdAt),
    // The backstop for "one active setup link per organization" under concurrency.
    uniqueIndex("portal_links_organization_id_active_setup_idx").on(t.organizationId).where(sql`${t.kind} = 'setup' and ${t.revokedAt} is null`),
  ],
);

export type PortalLinkRow = typeof portalLinks.$inferSelect;

/** A portal session made by exchanging a link. The cookie holds the token; only its hash is here. */
export const portalSessions = pgTable(
  "portal_sessions",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    linkId: text("link_id")
      .notNull()
      .references(() => portalLinks.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    createdAt,
  },
  (t) => [
    uniqueIndex("portal_sessions_token_hash_idx").on(t.tokenHash),
    index("portal_sessions_organization_id_idx").on(t.organizationId),
    index("portal_sessions_link_id_idx").on(t.linkId),
  ],
);

/** Where each organization stands on each portal feature. */
export const portalIntentProgress = pgTable(
  "portal_intent_progress",
  {
    organizationId: tenantColumn(() => organizations.id),
    intent: text("intent", { enum: portalIntents }).notNull(),
    state: text("state", { enum: ["in_progress", "complete"] }).notNull(),
    ...lifecycleDates,
  },
  (t) => [primaryKey({ name: "portal_intent_progress_pk", columns: [t.organizationId, t.intent] })],
);

/** IT contacts: the API form of "Invite admin". */
export const itContacts = pgTable(
  "it_contacts",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    email: text("email").notNull(),
    ...lifecycleDates,
  },
  (t) => [uniqueIndex("it_contacts_organization_id_email_idx").on(t.organizationId, t.email)],
);
