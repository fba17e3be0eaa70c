import "server-only";
import { sql } from "drizzle-orm";
import { getDbHandle, migrationsFolder } from "@/db/client";
import { shippedMigrations } from "@/db/schema-version";
import { logger } from "@/server/observability/logger";
import { runtime } from "@/server/observability/runtime";
import { execRows } from "@/server/services/sql";

type Readiness = { ready: true } | { ready: false; reason: string; message: string };

const CHECK_TIMEOUT_MS = 2000;
let latestShipped: number | undefined;

/**
 * Whether this instance should get traffic: not shutting down, its database answers and carries at
 * least the schema this build ships, and its job worker runs. One small query: cheap to poll each second.
 */
export async function readiness(): Promise<Readiness> {
  if (runtime.draining) return { ready: false, reason: "shutting_down", message: "This instance is shutting down." };
  let applied: number | null;
  try {
    applied = await withTimeout(latestApplied(), CHECK_TIMEOUT_MS);
  } catch (error) {
    // The probe is public: the cause (host names, user names) goes to the log, not the answer.
    logger().warn({ error: (error as Error).message }, "readiness: database unavailable");
    return { ready: false, reason: "database_unavailable", message: "The database is unreachable or slower than 2 s to answer; the server log says why." };
  }
  latestShipped ??= Math.max(...shippedMigrations(migrationsFolder()).map((e) => e.when));
  if (applied === null || applied < latestShipped)
    return { ready: false, reason: "database_not_migrated", message: "The database lacks migrations this version needs." };
  // A newer schema (another instance of a newer version migrated) keeps this one ready: during a rolling
  // upgrade the old instances serve until they are replaced; only a fresh start refuses it.
  if (!runtime.jobs?.running) return { ready: false, reason: "jobs_worker_stopped", message: "The background job worker is not running." };
  return { ready: true };
}

async function latestApplied(): Promise<number | null> {
  const { db } = await getDbHandle();
  const rows = await execRows<{ latest: string | null }>(db, sql`select max(created_at)::text as latest from drizzle.__drizzle_migrations`);
  return rows[0]?.latest ? Number(rows[0].latest) : null;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
