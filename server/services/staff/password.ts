import { eq } from "drizzle-orm";
import { z } from "zod";
import { staff } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/server/crypto/passwords";
import { RateLimitedError, ValidationError } from "@/server/errors";
import { nowOf, staffActor, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { passwordSchema } from "./schemas";
import { endStaffSessions } from "./sessions";
import { bumpCounter, SIGN_IN_LIMITS } from "./sign-in-limits";

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "currentPassword is required" }).min(1, "enter your current password").max(200),
  newPassword: passwordSchema,
});

/**
 * A member changes their own password. Every one of their sessions ends with it, this one included:
 * whoever else held a session (a stolen cookie, a shared computer) is out at once.
 */
export async function changeOwnPassword(ctx: ServiceContext, input: z.input<typeof changePasswordSchema>): Promise<void> {
  const actor = staffActor(ctx);
  const data = parseInput(changePasswordSchema, input);
  // A stolen session must not become a way to guess the password at leisure: counted before checking, like sign-in.
  const now = nowOf(ctx);
  const windowStart = new Date(Math.floor(now.getTime() / SIGN_IN_LIMITS.windowMs) * SIGN_IN_LIMITS.windowMs);
  if ((await bumpCounter(ctx.db, `password-change:${actor.staffId}`, windowStart)) > SIGN_IN_LIMITS.perEmailAndClient) {
    throw new RateLimitedError(
      Math.ceil((windowStart.getTime() + SIGN_IN_LIMITS.windowMs - now.getTime()) / 1000),
      "Too many attempts. Wait a few minutes and try again.",
    );
  }
  const [member] = await ctx.db.select({ passwordHash: staff.passwordHash }).from(staff).where(eq(staff.id, actor.staffId));
  if (!member || !(await verifyPassword(member.passwordHash, data.currentPassword))) {
    throw new ValidationError([{ field: "currentPassword", code: "incorrect", message: "your current password is not correct" }]);
  }
  const passwordHash = await hashPassword(data.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, updatedAt: now }).where(eq(staff.id, actor.staffId));
    await endStaffSessions(tx, actor.staffId);
  });
}
