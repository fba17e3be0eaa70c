import { boolean, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { lifecycleDates } from "./columns";

export const organizations = pgTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default({}),
    allowProfilesOutsideOrganization: boolean("allow_profiles_outside_organization").notNull().default(false),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex("organizations_external_id_idx").on(t.externalId),
    index("organizations_name_idx").on(t.name),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;

export const organizationDomains = pgTable(
  "organization_domains",
  {
    id: text("id").primaryKey(),
    organizationId: text("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    state: text("state", { enum: ["pending", "verified", "failed"] }).notNull(),
    verificationStrategy: text("verification_strategy", { enum: ["dns", "manual"] }).notNull(),
    verificationToken: text("verification_token"),
    verificationPrefix: text("verification_prefix"),
    ...lifecycleDates,
  },
  (t) => [
    uniqueIndex("organization_domains_organization_id_domain_idx").on(t.organizationId, t.domain),
    index("organization_domains_domain_idx").on(t.domain),
  ],
);

export type OrganizationDomainRow = typeof organizationDomains.$inferSelect;
