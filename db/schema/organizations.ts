import { sql } from "drizzle-orm";
import { boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { lifecycleDates, tenantColumn } from "./columns";

export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    stripeCustomerId: text("stripe_customer_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    allowProfilesOutsideOrganization: boolean("allow_profiles_outside_organization").notNull().default(false),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex("organizations_external_id_idx").on(t.externalId),
    index("organizations_name_idx").on(t.name),
    // The dashboard's search matches any part of a name (ILIKE '%term%'): trigrams find it without a scan.
    index("organizations_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;

export const organizationDomains = pgTable(
  "organization_domains",
  {
    id: text("id").primaryKey(),
    organizationId: tenantColumn(() => organizations.id),
    domain: text("domain").notNull(),
    state: text("state", { enum: ["pending", "verified", "failed"] }).notNull(),
    verificationStrategy: text("verification_strategy", { enum: ["dns", "manual"] }).notNull(),
    verificationToken: text("verification_token"),
    verificationPrefix: text("verification_prefix"),
    /** Who added it: the IT admin in the portal, staff in the dashboard, or an API call. */
    addedBy: text("added_by", { enum: ["portal", "staff", "api"] })
      .notNull()
      .default("api"),
    /** "dns", or "staff:<id>" / "api_key:<id>" for a manual verification. */
    verifiedBy: text("verified_by"),
    verifiedAt: timestamp("verified_at", { withTimezone: true, mode: "date" }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true, mode: "date" }),
    /** The outcome of the last DNS check, as shown to the IT admin. */
    lastCheck: jsonb("last_check").$type<DomainCheckRecord>(),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex("organization_domains_organization_id_domain_idx").on(t.organizationId, t.domain),
    index("organization_domains_domain_idx").on(t.domain),
    index("organization_domains_domain_trgm_idx").using("gin", t.domain.op("gin_trgm_ops")),
    // A domain can be verified by one organization only; the service checks first, this holds under races.
    uniqueIndex("organization_domains_verified_domain_idx").on(t.domain).where(sql`${t.state} = 'verified'`),
  ],
);

export interface DomainCheckRecord {
  outcome: "verified" | "no_record" | "wrong_value" | "nxdomain" | "timeout" | "dns_error";
  found: string[];
  detail: string;
}

export type OrganizationDomainRow = typeof organizationDomains.$inferSelect;
