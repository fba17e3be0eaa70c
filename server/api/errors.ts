import {
  AuditLogSchemaViolationError,
  ConflictError,
  describeFieldErrors,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  ValidationError,
} from "@/server/errors";

interface ApiErrorResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * camelCase service field paths to the snake_case names integrators sent (`domainData.0` → `domain_data.0`).
 * Segments under `metadata` are the integrator's own keys and stay as sent, and so do names that are not
 * camelCase (a header's, `Idempotency-Key`).
 */
export function wireFieldName(field: string): string {
  const segments = field.split(".");
  const own = segments.indexOf("metadata");
  return segments.map((s, i) => ((own !== -1 && i > own) || !/^[a-z][A-Za-z0-9]*$/.test(s) ? s : s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`))).join(".");
}

/** The one adapter from domain errors to WorkOS-shaped HTTP errors. */
export function toApiError(error: unknown, requestId: string): ApiErrorResponse {
  if (error instanceof ValidationError) {
    const errors = error.errors.map((e) => ({ field: wireFieldName(e.field), code: e.code, ...(e.message ? { message: e.message } : {}) }));
    return { status: 422, body: { code: error.code, message: describeFieldErrors(errors), errors } };
  }
  if (error instanceof AuditLogSchemaViolationError) {
    return { status: 400, body: { code: error.code, message: error.message, errors: error.errors } };
  }
  if (error instanceof NotFoundError) {
    return { status: 404, body: { code: error.code, message: error.message, ...(error.entityId ? { entity_id: error.entityId } : {}) } };
  }
  if (error instanceof ConflictError) return { status: 409, body: { code: error.code, message: error.message } };
  if (error instanceof UnauthorizedError) return { status: 401, body: { code: error.code, message: error.message } };
  if (error instanceof ForbiddenError) return { status: 403, body: { code: error.code, message: error.message } };
  if (error instanceof RateLimitedError) {
    return {
      status: 429,
      body: { code: error.code, message: error.message },
      headers: { "Retry-After": String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof DomainError && error.code === "request_too_large") {
    return { status: 413, body: { code: error.code, message: error.message } };
  }
  if (error instanceof DomainError) return { status: 400, body: { code: error.code, message: error.message } };
  console.error(`[api] request ${requestId} failed`, error);
  return { status: 500, body: { code: "server_error", message: `Internal error. Quote request id ${requestId} when reporting it.` } };
}
