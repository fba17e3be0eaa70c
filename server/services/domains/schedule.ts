import type { DbOrTx } from "@/db/client";
import { env } from "@/server/env";
import { enqueueJob } from "@/server/services/jobs/queue";

export const RECHECK_JOB = "domain.recheck";
/** Pending domains are re-checked for this long, then marked failed with the last reason. */
export const RECHECK_WINDOW_MS = 7 * 86_400_000;

/** Every few minutes in the first hour, every 30 minutes in the first day, then every 6 hours. */
export function nextRecheckAt(addedAt: Date, now: Date): Date {
  const age = now.getTime() - addedAt.getTime();
  const firstHour = env().DOMAIN_RECHECK_INTERVAL_SECONDS * 1000;
  const interval = age < 3_600_000 ? firstHour : age < 86_400_000 ? 30 * 60_000 : 6 * 3_600_000;
  return new Date(Math.min(now.getTime() + interval, addedAt.getTime() + RECHECK_WINDOW_MS));
}

/** `since` starts the seven-day window: when the domain was added, or when its checks were restarted. */
export function scheduleRecheck(db: DbOrTx, domainId: string, since: Date, runAt: Date): Promise<void> {
  return enqueueJob(db, { kind: RECHECK_JOB, payload: { domainId, since: since.toISOString() }, runAt, dedupeKey: `${RECHECK_JOB}:${domainId}` });
}
