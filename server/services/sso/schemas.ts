import { z } from "zod";
import { providerKeys, providers } from "@/server/saml/providers";
import { oidcConnectionTypes } from "@/server/oidc/types";
import { idpConfigFields } from "./idp-config";
import { oidcConfigFields } from "./oidc-config";

const connectionTypes = [...Object.values(providers).map((p) => p.connectionType), ...oidcConnectionTypes] as string[] as [string, ...string[]];

const mappingSchema = z
  .object({
    email: z.string().trim().max(500),
    firstName: z.string().trim().max(500),
    lastName: z.string().trim().max(500),
    groups: z.string().trim().max(500),
  })
  .partial();

const optionFields = {
  attributeMapping: mappingSchema.optional(),
  allowIdpInitiated: z.boolean().optional(),
  allowSha1: z.boolean().optional(),
  allowUnsignedAssertion: z.boolean().optional(),
  clockSkewSeconds: z.number().int().min(0).max(600).optional(),
};

export const createConnectionSchema = z.object({
  organizationId: z.string().min(1).max(100).optional(),
  provider: z.enum(providerKeys).optional(),
  connectionType: z.enum(connectionTypes, { error: `must be one of ${connectionTypes.join(", ")}` }).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  ...idpConfigFields,
  ...oidcConfigFields,
  ...optionFields,
});
export type CreateConnectionInput = z.input<typeof createConnectionSchema>;

export const updateConnectionSchema = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  ...idpConfigFields,
  ...oidcConfigFields,
  ...optionFields,
});
export type UpdateConnectionInput = z.input<typeof updateConnectionSchema>;

export const listConnectionsSchema = z.object({
  organizationId: z.string().min(1).max(100).optional(),
  connectionType: z.string().max(100).optional(),
  domain: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  before: z.string().min(1).max(100).optional(),
  after: z.string().min(1).max(100).optional(),
  order: z.enum(["asc", "desc", "normal"]).default("desc"),
});
export type ListConnectionsInput = z.input<typeof listConnectionsSchema>;
