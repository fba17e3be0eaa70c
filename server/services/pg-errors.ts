/**
 * Postgres errors by SQLSTATE, read through the wrappers both drivers (postgres.js, PGlite) and drizzle
 * put around them. One place for the codes, so no service compares them by hand.
 */
interface PgErrorFields {
  code?: string;
  constraint_name?: string;
  constraint?: string;
  message?: string;
  cause?: unknown;
}

function findPgError(error: unknown, matches: (fields: PgErrorFields) => boolean): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const fields = current as PgErrorFields;
    if (matches(fields)) return true;
    current = fields.cause;
  }
  return false;
}

/** A unique violation (23505), on `constraint` when one is named. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return findPgError(
    error,
    (e) =>
      e.code === "23505" &&
      (constraint === undefined || e.constraint_name === constraint || e.constraint === constraint || Boolean(e.message?.includes(constraint))),
  );
}

/** Serialization failures (40001) and deadlocks (40P01): the transaction left nothing behind, so it may run again. */
export function isRetryableConflict(error: unknown): boolean {
  return findPgError(error, (e) => e.code === "40001" || e.code === "40P01");
}
