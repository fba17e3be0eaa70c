/** Typed domain errors. One adapter maps them to tRPC codes, one to HTTP statuses. */
export interface FieldError {
  field: string;
  code: string;
  message?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(
    readonly entity: string,
    readonly entityId?: string,
  ) {
    super("entity_not_found", entityId ? `Could not find ${entity} '${entityId}'.` : `Could not find ${entity}.`);
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly errors: FieldError[],
    message?: string,
  ) {
    super("invalid_request_parameters", message ?? describeFieldErrors(errors));
  }
}

export class ConflictError extends DomainError {}

export class ForbiddenError extends DomainError {
  constructor(message = "You do not have permission to do this.") {
    super("forbidden", message);
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = "Could not authorize the request.") {
    super("unauthorized", message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    message = "Too many requests. Try again later.",
  ) {
    super("rate_limit_exceeded", message);
  }
}

/** An audit-log event that breaks its action's schema; each failing place as a JSON pointer. */
export class AuditLogSchemaViolationError extends DomainError {
  constructor(readonly errors: { instancePath: string; message: string }[]) {
    super("invalid_audit_log_event", `The event does not match its action's schema: ${errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ")}.`);
  }
}

/** "name: must not be empty; domain_data.0.domain: ..." */
export function describeFieldErrors(errors: FieldError[], fieldName: (f: string) => string = (f) => f): string {
  return errors.map((e) => `${fieldName(e.field)}: ${e.message ?? e.code}`).join("; ");
}

const problemByZodCode: Record<string, string> = {
  invalid_type: "invalid_type",
  too_small: "too_short",
  too_big: "too_long",
  custom: "invalid",
  invalid_value: "invalid",
  invalid_format: "invalid",
  unrecognized_keys: "unrecognized",
};

/**
 * Turns zod issues into field errors named by their dotted path. Codes carry the field's own name
 * (`name_required`, `domain_invalid`) because SDKs build their messages from the codes alone.
 */
export function fieldErrorsFromZod(
  issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code: string; minimum?: unknown; input?: unknown; params?: { reason?: string } }>,
): FieldError[] {
  return issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "body";
    // Under `metadata` the keys are the integrator's own: the field is metadata itself.
    const named = issue.path.includes("metadata") ? ["metadata"] : issue.path;
    const segment = [...named].reverse().find((p) => typeof p === "string") as string | undefined;
    const missing = issue.input === undefined && issue.code === "invalid_type";
    const empty = issue.code === "too_small" && Number(issue.minimum) === 1 && typeof issue.input === "string";
    const problem = missing || empty ? "required" : (problemByZodCode[issue.code] ?? issue.code);
    const prefix = segment ? segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : "body";
    // A custom check may name its own code (`domain_public_suffix`).
    return { field, code: issue.params?.reason ?? `${prefix}_${problem}`, message: issue.message };
  });
}
