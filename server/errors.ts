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

/** "name: must not be empty; domain_data.0.domain: ..." */
export function describeFieldErrors(errors: FieldError[], fieldName: (f: string) => string = (f) => f): string {
  return errors.map((e) => `${fieldName(e.field)}: ${e.message ?? e.code}`).join("; ");
}

/** Turns a zod error into field errors named by their dotted path (snake_case on the wire). */
export function fieldErrorsFromZod(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code: string }>): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "body",
    code: issue.code === "invalid_type" && issue.message.includes("received undefined") ? "required" : issue.code,
    message: issue.message,
  }));
}
