import { and, asc, count, eq, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { staff, staffInvitations, type StaffRole } from "@/db/schema";
import { hashPassword } from "@/server/crypto/passwords";
import { env } from "@/server/env";
import { ConflictError, ForbiddenError, NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, requireRole, staffActor, type ServiceContext } from "@/server/services/context";
import { parseInput } from "@/server/services/validate";
import { issueOwnerSetupLink } from "./invitations";
import { emailSchema, passwordSchema, roleSchema } from "./schemas";
import { endStaffSessions } from "./sessions";
import { z as zod } from "zod";

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  createdAt: Date;
  lastSignInAt: Date | null;
}

const columns = {
  id: staff.id,
  email: staff.email,
  name: staff.name,
  role: staff.role,
  createdAt: staff.createdAt,
  lastSignInAt: staff.lastSignInAt,
};

export async function getStaffMember(db: Db, id: string): Promise<StaffMember | null> {
  const [row] = await db.select(columns).from(staff).where(eq(staff.id, id));
  return row ?? null;
}

export async function listStaff(ctx: ServiceContext): Promise<StaffMember[]> {
  return ctx.db.select(columns).from(staff).orderBy(asc(staff.createdAt));
}

async function countStaff(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(staff);
  return row?.n ?? 0;
}

/** Whether the installation still waits for its first owner (the sign-in page says where the setup link is). */
export async function awaitingFirstOwner(ctx: ServiceContext): Promise<boolean> {
  return (await countStaff(ctx.db)) === 0;
}

const createOwnerSchema = zod.object({ email: emailSchema, password: passwordSchema.optional() });

/**
 * Creates an owner with a password, or (without one) issues a one-time setup link for that email.
 * Used by the CLI and by BOOTSTRAP_OWNER_* at first start.
 */
export async function createOwner(db: Db, input: z.input<typeof createOwnerSchema>) {
  const data = parseInput(createOwnerSchema, input);
  const [existing] = await db.select({ id: staff.id }).from(staff).where(eq(staff.email, data.email));
  if (existing) throw new ConflictError("staff_exists", `${data.email} already has an account.`);
  if (!data.password) {
    const link = await issueOwnerSetupLink(db, data.email);
    return { kind: "setup_link" as const, email: data.email, url: link.url };
  }
  const id = newId("user");
  await db.insert(staff).values({ id, email: data.email, passwordHash: await hashPassword(data.password), role: "owner" });
  return { kind: "created" as const, id, email: data.email };
}

type FirstRunAccess = { kind: "ready" } | { kind: "bootstrapped"; email: string } | { kind: "setup_link"; url: string };

/**
 * At start: when nobody can sign in yet, either create the owner from BOOTSTRAP_OWNER_* or issue a
 * fresh one-time setup link (older unused ones are revoked so only the printed one works).
 */
export async function ensureFirstRunAccess(db: Db): Promise<FirstRunAccess> {
  if ((await countStaff(db)) > 0) return { kind: "ready" };
  const { BOOTSTRAP_OWNER_EMAIL: email, BOOTSTRAP_OWNER_PASSWORD: password } = env();
  if (email && password) {
    const result = await createOwner(db, { email, password });
    return { kind: "bootstrapped", email: result.email };
  }
  await db
    .update(staffInvitations)
    .set({ revokedAt: new Date() })
    .where(
      and(eq(staffInvitations.role, "owner"), isNull(staffInvitations.invitedBy), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)),
    );
  const link = await issueOwnerSetupLink(db, null);
  return { kind: "setup_link", url: link.url };
}

async function assertAnotherOwnerRemains(db: DbOrTx, exceptId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(staff)
    .where(and(eq(staff.role, "owner"), ne(staff.id, exceptId)));
  if ((row?.n ?? 0) === 0) throw new ConflictError("last_owner", "The installation must keep at least one owner.");
}

export async function changeStaffRole(ctx: ServiceContext, input: { id: string; role: StaffRole }): Promise<void> {
  requireRole(ctx, "owner");
  const role = parseInput(roleSchema, input.role);
  await ctx.db.transaction(async (tx) => {
    const [target] = await tx.select().from(staff).where(eq(staff.id, input.id)).for("update");
    if (!target) throw new NotFoundError("staff member", input.id);
    if (target.role === "owner" && role !== "owner") await assertAnotherOwnerRemains(tx, target.id);
    if (target.role === role) return;
    await tx
      .update(staff)
      .set({ role, updatedAt: nowOf(ctx) })
      .where(eq(staff.id, target.id));
    // The member signs in again under the new role; no session outlives the rights it was opened with.
    await endStaffSessions(tx, target.id);
  });
}

export async function removeStaff(ctx: ServiceContext, id: string): Promise<void> {
  requireRole(ctx, "owner");
  const actor = staffActor(ctx);
  if (actor.staffId === id) throw new ForbiddenError("You cannot remove yourself. Ask another owner.");
  await ctx.db.transaction(async (tx) => {
    const [target] = await tx.select().from(staff).where(eq(staff.id, id)).for("update");
    if (!target) throw new NotFoundError("staff member", id);
    if (target.role === "owner") await assertAnotherOwnerRemains(tx, target.id);
    await endStaffSessions(tx, id);
    await tx.delete(staff).where(eq(staff.id, id));
  });
}
