import { eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, signInCounters, staff } from "@/db/schema";
import { env } from "@/server/env";
import { signInAlertEmail } from "@/server/mail/templates/sign-in-alert";
import { enqueueJob } from "@/server/services/jobs/queue";
import { sendMail } from "@/server/services/mail";
import type { SignInAlertPayload } from "./sign-in";
import { SIGN_IN_LIMITS } from "./sign-in-limits";
import { pruneExpiredStaffSessions } from "./sessions";

export const PRUNE_SIGN_IN_RECORDS_JOB = "staff.prune_sign_in_records";
/** Sign-in attempts stay as long as they make an address "known" (and serve an owner looking into an incident); then they go. */
export const SIGN_IN_ATTEMPT_RETENTION_MS = SIGN_IN_LIMITS.knownClientMs;
const PRUNE_EVERY_MS = 60 * 60_000;

/** The alert job: mails the member, if they still exist. A mail server failure retries with backoff. */
export async function sendSignInAlert(db: Db, payload: Record<string, unknown>): Promise<{ done: true }> {
  const alert = payload as SignInAlertPayload;
  const [member] = await db.select({ email: staff.email }).from(staff).where(eq(staff.email, alert.email));
  if (!member) return { done: true };
  const scope = alert.scope === "email" ? "email" : "email_and_client";
  await sendMail(db, { to: member.email, ...signInAlertEmail({ email: member.email, client: alert.client, scope, signInUrl: `${env().publicUrl}/sign-in` }) });
  return { done: true };
}

/**
 * Sign-in is anonymous, so what it stores is purged by age: attempts after the retention period,
 * counters once their window is over, sessions once expired.
 */
async function pruneSignInRecords(db: Db, now: Date) {
  const attempts = await db
    .delete(signInAttempts)
    .where(lt(signInAttempts.createdAt, new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_MS)))
    .returning({ id: signInAttempts.id });
  const counters = await db
    .delete(signInCounters)
    .where(lt(signInCounters.windowStart, new Date(now.getTime() - SIGN_IN_LIMITS.emailWindowMs)))
    .returning({ key: signInCounters.key });
  const sessions = await pruneExpiredStaffSessions(db, now);
  return { attempts: attempts.length, counters: counters.length, sessions };
}

export async function runSignInPruning(db: Db, _payload: Record<string, unknown>, now: Date): Promise<{ runAgainAt: Date }> {
  await pruneSignInRecords(db, now);
  return { runAgainAt: new Date(now.getTime() + PRUNE_EVERY_MS) };
}

/** At start: one pruning job for the whole installation (the dedupe key keeps instances from adding more). */
export async function schedulePruningOfSignInRecords(db: Db, now = new Date()): Promise<void> {
  await enqueueJob(db, { kind: PRUNE_SIGN_IN_RECORDS_JOB, payload: {}, runAt: now, dedupeKey: PRUNE_SIGN_IN_RECORDS_JOB });
}
