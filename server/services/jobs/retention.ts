import type { Db, DbOrTx } from "@/db/client";
import type { JobOutcome } from "@/server/jobs/runner";
import { purgeExpiredIdempotencyKeys, sealReadableReplies } from "@/server/services/idempotency";
import { purgeRateLimitBuckets } from "@/server/services/rate-limit";
import { purgeOldSsoSessions } from "@/server/services/sso/attempt-log";
import { enqueueJob } from "./queue";

/**
 * Storage that anonymous callers or expiring records make grow (idempotency replies, rate-limit
 * windows, SSO attempt logs) is pruned hourly, by whichever instance claims the job.
 */
export const RETENTION_JOB = "storage.retention";
export const RETENTION_INTERVAL_MS = 60 * 60_000;

export async function runRetention(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  await purgeExpiredIdempotencyKeys(db, now);
  await sealReadableReplies(db);
  await purgeRateLimitBuckets(db, now);
  await purgeOldSsoSessions(db, now);
  return { runAgainAt: new Date(now.getTime() + RETENTION_INTERVAL_MS) };
}

/** One queued retention job for the installation (the dedupe key), due now: called at every start. */
export function scheduleRetention(db: DbOrTx, now = new Date()): Promise<void> {
  return enqueueJob(db, { kind: RETENTION_JOB, payload: {}, runAt: now, dedupeKey: RETENTION_JOB });
}
