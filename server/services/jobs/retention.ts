import type { Db, DbOrTx } from "@/db/client";
import type { JobOutcome } from "@/server/jobs/runner";
import { purgeExpiredIdempotencyKeys, sealReadableReplies } from "@/server/services/idempotency";
import { sealReadableMailLinks } from "@/server/services/mail/readable-links";
import { purgeOldSsoSessions } from "@/server/services/sso/attempt-log";
import { enqueueJob } from "./queue";

/**
 * Records that expire (idempotency replies after 24 hours, SSO attempt logs after 30 days) are
 * pruned hourly, by whichever instance claims the job.
 */
export const RETENTION_JOB = "storage.retention";
const RETENTION_INTERVAL_MS = 60 * 60_000;

export async function runRetention(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  await purgeExpiredIdempotencyKeys(db, now);
  // Rows an earlier version stored readable: sealed on the first run after an upgrade, then nothing to do.
  await sealReadableReplies(db);
  await sealReadableMailLinks(db);
  await purgeOldSsoSessions(db, now);
  return { runAgainAt: new Date(now.getTime() + RETENTION_INTERVAL_MS) };
}

/** One queued retention job for the installation (the dedupe key), due now: called at every start. */
export function scheduleRetention(db: DbOrTx, now = new Date()): Promise<void> {
  return enqueueJob(db, { kind: RETENTION_JOB, payload: {}, runAt: now, dedupeKey: RETENTION_JOB });
}
