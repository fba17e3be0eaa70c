import type { OrganizationDomainRow, OrganizationRow } from "@/db/schema";

/** WorkOS wire shapes (snake_case), as `@workos-inc/node` deserializes them. */
export interface OrganizationDomainWire {
  object: "organization_domain";
  id: string;
  organization_id: string;
  domain: string;
  state: "pending" | "verified" | "failed";
  verification_strategy: "dns" | "manual";
  verification_token?: string;
  verification_prefix?: string;
  created_at: string;
  updated_at: string;
}

export interface OrganizationWire {
  object: "organization";
  id: string;
  name: string;
  allow_profiles_outside_organization: boolean;
  domains: OrganizationDomainWire[];
  external_id: string | null;
  /** Present only when set, as the SDK reads it (`stripe_customer_id?: string`). */
  stripe_customer_id?: string;
  metadata: Record<string, string>;
  created_at: string;
  updated_at: string;
}

export function organizationDomainToWire(row: OrganizationDomainRow): OrganizationDomainWire {
  return {
    object: "organization_domain",
    id: row.id,
    organization_id: row.organizationId,
    domain: row.domain,
    state: row.state,
    verification_strategy: row.verificationStrategy,
    ...(row.verificationToken ? { verification_token: row.verificationToken } : {}),
    ...(row.verificationPrefix ? { verification_prefix: row.verificationPrefix } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

export function organizationToWire(row: OrganizationRow, domains: OrganizationDomainRow[]): OrganizationWire {
  return {
    object: "organization",
    id: row.id,
    name: row.name,
    allow_profiles_outside_organization: row.allowProfilesOutsideOrganization,
    domains: domains.map(organizationDomainToWire),
    external_id: row.externalId,
    ...(row.stripeCustomerId ? { stripe_customer_id: row.stripeCustomerId } : {}),
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
