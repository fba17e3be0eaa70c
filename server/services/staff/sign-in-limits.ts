import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { signInCounters } from "@/db/schema";

/**
 * Sign-in attempts allowed per fixed window. The tight limit is per (email, client address), so a
 * stranger guessing from their own address locks only that address out, never the member; the loose
 * per-email limit across all addresses still slows a guesser spread over many addresses, and the
 * per-address limit stops one address spraying many emails.
 */
export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  perEmailAndClient: 5,
  perClient: 30,
  emailWindowMs: 60 * 60_000,
  perEmail: 100,
  /** How long a successful sign-in makes its address "known" for that email. */
  knownClientMs: 30 * 86_400_000,
};

export type SignInScope = "email_and_client" | "client" | "email";

interface Counter {
  scope: SignInScope;
  key: string;
  windowStart: Date;
  windowEnd: Date;
  limit: number;
}

function windowOf(now: Date, ms: number) {
  const start = Math.floor(now.getTime() / ms) * ms;
  return { windowStart: new Date(start), windowEnd: new Date(start + ms) };
}

/**
 * The counters one attempt reserves. An address the member already signed in from (`knownClient`)
 * skips the per-email limit: guessers spread over many addresses can then slow down strangers' tries
 * at the account, but not lock the member out of their usual place.
 */
export function countersFor(email: string, client: string, now: Date, knownClient = false): Counter[] {
  const short = windowOf(now, SIGN_IN_LIMITS.windowMs);
  const long = windowOf(now, SIGN_IN_LIMITS.emailWindowMs);
  // The order matters: an address already locked for this email must not use up the email's shared allowance.
  const counters: Counter[] = [
    { scope: "email_and_client", key: `email+client:${email} ${client}`, ...short, limit: SIGN_IN_LIMITS.perEmailAndClient },
    { scope: "client", key: `client:${client}`, ...short, limit: SIGN_IN_LIMITS.perClient },
  ];
  if (!knownClient) counters.push({ scope: "email", key: `email:${email}`, ...long, limit: SIGN_IN_LIMITS.perEmail });
  return counters;
}

/** Adds one to a counter and returns the new count, in one statement (row-locked by the upsert). */
export async function bumpCounter(db: DbOrTx, key: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(signInCounters)
    .values({ key, windowStart, count: 1 })
    .onConflictDoUpdate({ target: [signInCounters.key, signInCounters.windowStart], set: { count: sql`${signInCounters.count} + 1` } })
    .returning({ count: signInCounters.count });
  return row?.count ?? 0;
}

class Refused extends Error {
  constructor(readonly counter: Counter) {
    super("refused");
  }
}

/**
 * Reserves one attempt on every counter, or on none: a refused attempt rolls back, so hammering a
 * locked address does not eat into the email's allowance for everyone else. Runs before the password
 * check; the upsert's row lock makes concurrent attempts on one key count one after another.
 */
export async function reserveSignInAttempt(db: Db, counters: Counter[]): Promise<Counter | null> {
  try {
    await db.transaction(async (tx) => {
      for (const counter of counters) {
        if ((await bumpCounter(tx, counter.key, counter.windowStart)) > counter.limit) throw new Refused(counter);
      }
    });
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.counter;
    throw error;
  }
}

/** A successful sign-in gives back what it reserved, so signing in often never locks anyone. */
export async function releaseSignInAttempt(db: DbOrTx, counters: Counter[]): Promise<void> {
  for (const counter of counters) {
    await db
      .update(signInCounters)
      .set({ count: sql`greatest(${signInCounters.count} - 1, 0)` })
      .where(and(eq(signInCounters.key, counter.key), eq(signInCounters.windowStart, counter.windowStart)));
  }
}
