import { z } from "zod";
import { directoryTypes, type DirectoryType } from "@/db/schema";
import { listParamsSchema } from "@/server/services/pagination";

/** Short names the portal, the CLI and `POST /directories` accept beside the WorkOS type strings. */
const typeAliases: Record<string, DirectoryType> = {
  okta: "okta scim v2.0",
  azure: "azure scim v2.0",
  entra: "azure scim v2.0",
  entra_id: "azure scim v2.0",
  onelogin: "onelogin scim v2.0",
  jumpcloud: "jump cloud scim v2.0",
  jump_cloud: "jump cloud scim v2.0",
  pingfederate: "pingfederate scim v2.0",
  rippling: "rippling scim v2.0",
  generic: "generic scim v2.0",
  scim: "generic scim v2.0",
};

export const directoryTypeLabels: Record<DirectoryType, string> = {
  "okta scim v2.0": "Okta",
  "azure scim v2.0": "Microsoft Entra ID",
  "onelogin scim v2.0": "OneLogin",
  "jump cloud scim v2.0": "JumpCloud",
  "pingfederate scim v2.0": "PingFederate",
  "rippling scim v2.0": "Rippling",
  "generic scim v2.0": "Generic SCIM 2.0",
};

export const directoryTypeSchema = z.string({ error: "type is required" }).transform((value, ctx) => {
  const lower = value.trim().toLowerCase();
  const type = typeAliases[lower] ?? (directoryTypes as readonly string[]).find((t) => t === lower);
  if (!type) {
    ctx.addIssue({
      code: "custom",
      message: `must be one of ${directoryTypes.join(", ")} (or okta, entra, onelogin, jumpcloud, pingfederate, rippling, generic)`,
    });
    return z.NEVER;
  }
  return type as DirectoryType;
});

export const createDirectorySchema = z.object({
  organizationId: z.string({ error: "organization_id is required" }).min(1).max(100),
  type: directoryTypeSchema,
  name: z.string().trim().min(1).max(200).optional(),
});
export type CreateDirectoryInput = z.input<typeof createDirectorySchema>;

export const listDirectoriesSchema = listParamsSchema.extend({
  organizationId: z.string().min(1).max(100).optional(),
  search: z.string().max(200).optional(),
});
export type ListDirectoriesInput = z.input<typeof listDirectoriesSchema>;

export const listDirectoryUsersSchema = listParamsSchema.extend({
  directory: z.string().min(1).max(100).optional(),
  group: z.string().min(1).max(100).optional(),
  search: z.string().max(200).optional(),
});
export type ListDirectoryUsersInput = z.input<typeof listDirectoryUsersSchema>;

export const listDirectoryGroupsSchema = listParamsSchema.extend({
  directory: z.string().min(1).max(100).optional(),
  user: z.string().min(1).max(100).optional(),
});
export type ListDirectoryGroupsInput = z.input<typeof listDirectoryGroupsSchema>;
