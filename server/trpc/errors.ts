import { TRPCError } from "@trpc/server";
import { ConflictError, DomainError, ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError, ValidationError } from "@/server/errors";

/** The one adapter from domain errors to tRPC codes. Unknown errors stay internal and are logged. */
export function toTRPCError(error: unknown): TRPCError {
  let cause = error;
  if (error instanceof TRPCError) {
    if (error.cause instanceof DomainError) cause = error.cause;
    else if (error.code !== "INTERNAL_SERVER_ERROR") return error;
    else cause = error.cause ?? error;
  }
  if (cause instanceof ValidationError) return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  if (cause instanceof NotFoundError) return new TRPCError({ code: "NOT_FOUND", message: cause.message, cause });
  if (cause instanceof ConflictError) return new TRPCError({ code: "CONFLICT", message: cause.message, cause });
  if (cause instanceof ForbiddenError) return new TRPCError({ code: "FORBIDDEN", message: cause.message, cause });
  if (cause instanceof UnauthorizedError) return new TRPCError({ code: "UNAUTHORIZED", message: cause.message, cause });
  if (cause instanceof RateLimitedError) return new TRPCError({ code: "TOO_MANY_REQUESTS", message: cause.message, cause });
  if (cause instanceof DomainError) return new TRPCError({ code: "BAD_REQUEST", message: cause.message, cause });
  console.error("[trpc] unexpected error", cause);
  return new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong. Try again." });
}
