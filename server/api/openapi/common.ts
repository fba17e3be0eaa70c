import { z } from "zod";
import { listParamsSchema } from "@/server/services/pagination";

/** Shared pieces of the document: WorkOS errors and lists, timestamps, the list query. */
export const timestamp = z.iso.datetime({ offset: true }).meta({ example: "2026-01-15T10:00:00.000Z" });

export const errorSchema = z
  .object({
    code: z.string().meta({ example: "entity_not_found" }),
    message: z.string(),
    entity_id: z.string().optional(),
    errors: z.array(z.looseObject({})).optional(),
  })
  .meta({ id: "Error", description: "A WorkOS error: a machine-readable code and a sentence naming the problem." });

export const validationErrorSchema = z
  .object({
    code: z.literal("invalid_request_parameters"),
    message: z.string(),
    errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string().optional() })),
  })
  .meta({ id: "ValidationError", description: "422: each refused field, by its wire name." });

const listMetadata = z.object({ before: z.string().nullable(), after: z.string().nullable() });

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ object: z.literal("list"), data: z.array(item), list_metadata: listMetadata });
}

/** The WorkOS list parameters, as the services read them. */
export const listQuery = listParamsSchema;

export const idParams = z.object({ id: z.string().min(1).max(100) });

/** The error answers every API-key operation can give, beside its own. */
export const apiErrors = {
  401: { description: "The API key is missing or invalid.", schema: errorSchema },
  422: { description: "A field is missing or invalid; `errors` names each one.", schema: validationErrorSchema },
  429: { description: "The API key's rate limit is used up; `Retry-After` says when to try again.", schema: errorSchema },
} as const;

export const notFound = { 404: { description: "No such object (or one of another tenant).", schema: errorSchema } } as const;
