import { z } from "zod";
import { listParamsSchema } from "@/server/services/pagination";
import { domainSchema } from "@/server/services/domains/policy";

const metadataSchema = z
  .record(
    z.string().min(1, "metadata keys must not be empty").max(40, "metadata keys are at most 40 characters"),
    z.string({ error: "metadata values must be strings" }).max(600, "metadata values are at most 600 characters"),
  )
  .refine((m) => Object.keys(m).length <= 50, "metadata has at most 50 keys");

const domainDataSchema = z
  .array(
    z.object({
      domain: domainSchema,
      state: z.enum(["verified", "pending"], { error: "state must be 'verified' or 'pending'" }),
    }),
  )
  .max(100, "at most 100 domains per organization");

const nameSchema = z.string({ error: "name is required" }).trim().min(1, "name must not be empty").max(200, "name is at most 200 characters");
const stripeCustomerIdSchema = z.string().trim().min(1, "stripe_customer_id must not be empty").max(255, "stripe_customer_id is at most 255 characters");
const externalIdSchema = z.string().trim().min(1, "external_id must not be empty").max(200, "external_id is at most 200 characters");

export const createOrganizationSchema = z.object({
  name: nameSchema,
  domainData: domainDataSchema.optional(),
  externalId: externalIdSchema.nullish(),
  stripeCustomerId: stripeCustomerIdSchema.nullish(),
  metadata: metadataSchema.optional(),
  allowProfilesOutsideOrganization: z.boolean().optional(),
});
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

export const updateOrganizationSchema = z.object({
  name: nameSchema.optional(),
  domainData: domainDataSchema.optional(),
  externalId: externalIdSchema.nullish(),
  stripeCustomerId: stripeCustomerIdSchema.nullish(),
  metadata: metadataSchema.optional(),
  allowProfilesOutsideOrganization: z.boolean().optional(),
});
export type UpdateOrganizationInput = z.input<typeof updateOrganizationSchema>;

export const listOrganizationsSchema = listParamsSchema.extend({
  domains: z.array(z.string()).max(100).optional(),
  search: z.string().trim().max(200).optional(),
});
export type ListOrganizationsInput = z.input<typeof listOrganizationsSchema>;
