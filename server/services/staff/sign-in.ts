import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, staff } from "@/db/schema";
import { burnPasswordCheck, verifyPassword } from "@/server/crypto/passwords";
import { RateLimitedError } from "@/server/errors";
import { newId } from "@/server/ids";
import { enqueueJob } from "@/server/services/jobs/queue";
import { bumpCounter, countersFor, releaseSignInAttempt, reserveSignInAttempt, SIGN_IN_LIMITS, type SignInScope } from "./sign-in-limits";

export { SIGN_IN_LIMITS } from "./sign-in-limits";

export const SIGN_IN_ALERT_JOB = "staff.sign_in_alert";

export interface SignInAlertPayload {
  email: string;
  client: string;
  scope: SignInScope;
  [key: string]: unknown;
}

/**
 * Checks an email and password. Returns the staff member, or null for a wrong pair.
 * Throws RateLimitedError when the attempt is over a limit; then the password is not even checked.
 */
export async function verifyStaffCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<{ id: string; email: string; name: string; role: string } | null> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const client = input.ip.slice(0, 100) || "unknown";
  const counters = countersFor(email, client, now, await signedInBefore(db, email, client, now));
  const refusedBy = await reserveSignInAttempt(db, counters);
  if (refusedBy) {
    if (refusedBy.scope !== "client") await alertMemberOnce(db, { email, client, scope: refusedBy.scope }, now);
    const retryAfter = Math.max(1, Math.ceil((refusedBy.windowEnd.getTime() - now.getTime()) / 1000));
    throw new RateLimitedError(retryAfter, "Too many failed sign-in attempts. Wait a few minutes and try again.");
  }
  const [member] = await db.select().from(staff).where(eq(staff.email, email));
  const ok = member ? await verifyPassword(member.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  await db.insert(signInAttempts).values({ id: newId("attempt"), email, ip: client, succeeded: ok, createdAt: now });
  if (!ok || !member) return null;
  await releaseSignInAttempt(db, counters);
  await db.update(staff).set({ lastSignInAt: now }).where(eq(staff.id, member.id));
  return { id: member.id, email: member.email, name: member.name, role: member.role };
}

async function signedInBefore(db: Db, email: string, client: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: signInAttempts.id })
    .from(signInAttempts)
    .where(
      and(
        eq(signInAttempts.email, email),
        eq(signInAttempts.ip, client),
        eq(signInAttempts.succeeded, true),
        gt(signInAttempts.createdAt, new Date(now.getTime() - SIGN_IN_LIMITS.knownClientMs)),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/**
 * Tells a member (by email, through the job queue so a slow mail server never holds up sign-in) that
 * their account is being guessed at: once per email window, not per refused attempt. Unknown emails
 * get nothing, so sign-in cannot be used to send mail to strangers.
 */
async function alertMemberOnce(db: Db, payload: SignInAlertPayload, now: Date): Promise<void> {
  const [member] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, payload.email));
  if (!member) return;
  const windowStart = new Date(Math.floor(now.getTime() / SIGN_IN_LIMITS.emailWindowMs) * SIGN_IN_LIMITS.emailWindowMs);
  if ((await bumpCounter(db, `alert:${payload.email}`, windowStart)) !== 1) return;
  await enqueueJob(db, { kind: SIGN_IN_ALERT_JOB, payload, runAt: now, dedupeKey: `sign-in-alert:${member.id}:${windowStart.getTime()}`, maxAttempts: 5 });
}
