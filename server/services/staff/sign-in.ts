import { and, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInAttempts, staff } from "@/db/schema";
import { burnPasswordCheck, verifyPassword } from "@/server/crypto/passwords";
import { RateLimitedError } from "@/server/errors";
import { newId } from "@/server/ids";

/** Failed attempts allowed per window, per email and per client address. Kept in the database. */
export const SIGN_IN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 30 };

async function failuresSince(db: Db, column: typeof signInAttempts.email | typeof signInAttempts.ip, value: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(column, value), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return row?.n ?? 0;
}

/**
 * Checks an email and password. Returns the staff member, or null for a wrong pair.
 * Throws RateLimitedError once too many attempts failed for the email or the address.
 */
export async function verifyStaffCredentials(
  db: Db,
  input: { email: string; password: string; ip: string },
  now = new Date(),
): Promise<{ id: string; email: string; name: string; role: string } | null> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const ip = input.ip.slice(0, 100) || "unknown";
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    failuresSince(db, signInAttempts.email, email, since),
    failuresSince(db, signInAttempts.ip, ip, since),
  ]);
  if (byEmail >= SIGN_IN_LIMITS.perEmail || byIp >= SIGN_IN_LIMITS.perIp) {
    throw new RateLimitedError(Math.ceil(SIGN_IN_LIMITS.windowMs / 1000), "Too many failed sign-in attempts. Wait 15 minutes and try again.");
  }
  const [member] = await db.select().from(staff).where(eq(staff.email, email));
  const ok = member ? await verifyPassword(member.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  await db.insert(signInAttempts).values({ id: newId("attempt"), email, ip, succeeded: ok, createdAt: now });
  if (!ok || !member) return null;
  await db.update(staff).set({ lastSignInAt: now }).where(eq(staff.id, member.id));
  return { id: member.id, email: member.email, name: member.name, role: member.role };
}
