import { z } from "zod";
import { ValidationError, type FieldError } from "@/server/errors";
import { findTextProblem, textFieldError } from "@/server/input-text";

/** WorkOS limits on every metadata object (the event's, the actor's, each target's). */
const METADATA_MAX_KEYS = 50;
const METADATA_KEY = /^[a-zA-Z0-9_-]{1,40}$/;
const METADATA_STRING_MAX = 500;

const auditLogMetadataSchema = z
  .record(
    z.string().regex(METADATA_KEY, "keys are 1 to 40 letters, digits, '_' or '-'"),
    z.union([z.string().max(METADATA_STRING_MAX), z.number(), z.boolean()]),
  )
  .refine((value) => Object.keys(value).length <= METADATA_MAX_KEYS, `has more than ${METADATA_MAX_KEYS} keys`);

const entity = z.object({
  id: z.string().min(1).max(256),
  type: z.string().min(1).max(256),
  name: z.string().max(512).optional(),
  metadata: auditLogMetadataSchema.optional(),
});

export const auditLogActionName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9_.:-]+$/, "is letters, digits, '.', ':', '_' or '-'");

/** The wire body of `POST /audit_logs/events`, as the SDKs send it (snake_case). */
export const createAuditLogEventBody = z.object({
  organization_id: z.string().min(1).max(100),
  event: z.object({
    action: auditLogActionName,
    version: z.number().int().min(1).optional(),
    occurred_at: z.iso.datetime({ offset: true }),
    actor: entity,
    targets: z.array(entity).max(50),
    context: z.object({ location: z.string().min(1).max(256), user_agent: z.string().max(1024).optional() }),
    metadata: auditLogMetadataSchema.optional(),
  }),
});
export type CreateAuditLogEventBody = z.output<typeof createAuditLogEventBody>;

/**
 * WorkOS answers a malformed event with `errors: [{field: 'event.action', code: 'required'}]`: the wire
 * path as sent, and a short code of what is wrong with it.
 */
export function parseAuditLogEventBody(input: unknown): CreateAuditLogEventBody {
  const unstorable = findTextProblem(input);
  if (unstorable) throw new ValidationError([textFieldError(unstorable)]);
  const result = createAuditLogEventBody.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.map((issue) => {
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    const code = missing ? "required" : issue.code === "too_big" || issue.code === "too_small" ? "invalid_length" : "invalid";
    return { field: issue.path.map(String).join(".") || "body", code, message: missing ? "is required" : issue.message };
  });
  throw new ValidationError(errors, "Validation failed.");
}
