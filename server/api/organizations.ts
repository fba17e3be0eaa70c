import type { UpdateOrganizationInput } from "@/server/services/organizations/schemas";
import type { z } from "zod";
import { wireBody } from "./wire-input";

/** Maps the WorkOS wire body to the service input. Metadata keys are the integrator's own: left as sent. */
export function organizationInputFromWire(schema: z.ZodType, body: unknown): UpdateOrganizationInput {
  const b = wireBody(schema, body);
  const input: Record<string, unknown> = {};
  if ("name" in b) input.name = b.name;
  if ("domain_data" in b && b.domain_data !== undefined) input.domainData = b.domain_data;
  // The deprecated `domains: string[]` form still arrives from older integrations: treat as pending.
  else if (Array.isArray(b.domains)) input.domainData = b.domains.map((domain) => ({ domain, state: "pending" }));
  if ("external_id" in b) input.externalId = b.external_id;
  if ("stripe_customer_id" in b) input.stripeCustomerId = b.stripe_customer_id;
  if ("metadata" in b && b.metadata !== null) input.metadata = b.metadata;
  if ("allow_profiles_outside_organization" in b) input.allowProfilesOutsideOrganization = b.allow_profiles_outside_organization;
  return input as UpdateOrganizationInput;
}
