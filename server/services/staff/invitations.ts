import { and, desc, eq, isNull, gt } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { staff, staffInvitations, type StaffRole } from "@/db/schema";
import { hashPassword } from "@/server/crypto/passwords";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { env } from "@/server/env";
import { ConflictError, NotFoundError, ValidationError } from "@/server/errors";
import { newId } from "@/server/ids";
import { staffInvitationEmail } from "@/server/mail/templates/staff-invitation";
import { nowOf, requireRole, staffActor, type ServiceContext } from "@/server/services/context";
import { MailDeliveryError, sendMail } from "@/server/services/mail";
import { parseInput } from "@/server/services/validate";
import { acceptInvitationSchema, inviteStaffSchema } from "./schemas";

const INVITATION_DAYS = 7;

interface StaffInvitation {
  id: string;
  email: string | null;
  role: StaffRole;
  expiresAt: Date;
  createdAt: Date;
}

function invitationUrl(token: string): string {
  return `${env().publicUrl}/invite/${token}`;
}

async function issueInvitation(db: Db, values: { email: string | null; role: StaffRole; invitedBy: string | null; now: Date; days: number }) {
  const token = newToken();
  const row = {
    id: newId("invite"),
    email: values.email,
    role: values.role,
    tokenHash: sha256Hex(token),
    invitedBy: values.invitedBy,
    createdAt: values.now,
    expiresAt: new Date(values.now.getTime() + values.days * 86_400_000),
  };
  await db.insert(staffInvitations).values(row);
  return { token, url: invitationUrl(token), invitation: { id: row.id, email: row.email, role: row.role, expiresAt: row.expiresAt, createdAt: row.createdAt } };
}

/**
 * An owner invites more staff by link. The link is emailed through the mailer (SMTP, or the Outbox without
 * the link when none is set up) and shown to the owner once; a failed delivery revokes the invitation.
 */
export async function inviteStaff(ctx: ServiceContext, input: z.input<typeof inviteStaffSchema>) {
  requireRole(ctx, "owner");
  const actor = staffActor(ctx);
  const data = parseInput(inviteStaffSchema, input);
  const [existing] = await ctx.db.select({ id: staff.id }).from(staff).where(eq(staff.email, data.email));
  if (existing) throw new ConflictError("staff_exists", `${data.email} already has access.`);
  const issued = await issueInvitation(ctx.db, { email: data.email, role: data.role, invitedBy: actor.staffId, now: nowOf(ctx), days: INVITATION_DAYS });
  try {
    const message = staffInvitationEmail({ inviter: actor.email, role: data.role, url: issued.url, expiresAt: issued.invitation.expiresAt });
    const sent = await sendMail(ctx.db, { to: data.email, ...message, link: { url: issued.url } });
    return { ...issued, delivery: sent.transport };
  } catch (error) {
    if (error instanceof MailDeliveryError)
      await ctx.db
        .update(staffInvitations)
        .set({ revokedAt: nowOf(ctx) })
        .where(eq(staffInvitations.id, issued.invitation.id));
    throw error;
  }
}

/** A one-time owner setup link, for first run and for `create-owner` without a password. */
export async function issueOwnerSetupLink(db: Db, email: string | null, now = new Date()) {
  return issueInvitation(db, { email, role: "owner", invitedBy: null, now, days: 1 });
}

export async function listPendingInvitations(ctx: ServiceContext): Promise<StaffInvitation[]> {
  return ctx.db
    .select({
      id: staffInvitations.id,
      email: staffInvitations.email,
      role: staffInvitations.role,
      expiresAt: staffInvitations.expiresAt,
      createdAt: staffInvitations.createdAt,
    })
    .from(staffInvitations)
    .where(and(isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt), gt(staffInvitations.expiresAt, nowOf(ctx))))
    .orderBy(desc(staffInvitations.id));
}

export async function revokeInvitation(ctx: ServiceContext, id: string): Promise<void> {
  requireRole(ctx, "owner");
  const rows = await ctx.db
    .update(staffInvitations)
    .set({ revokedAt: nowOf(ctx) })
    .where(and(eq(staffInvitations.id, id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
    .returning({ id: staffInvitations.id });
  if (rows.length === 0) throw new NotFoundError("invitation", id);
}

export type InvitationStatus = { status: "valid"; email: string | null; role: StaffRole } | { status: "expired" | "used" | "revoked" | "unknown" };

export async function inspectInvitation(ctx: ServiceContext, token: string, now = new Date()): Promise<InvitationStatus> {
  const { db } = ctx;
  const [row] = await db
    .select()
    .from(staffInvitations)
    .where(eq(staffInvitations.tokenHash, sha256Hex(token)));
  if (!row) return { status: "unknown" };
  if (row.acceptedAt) return { status: "used" };
  if (row.revokedAt) return { status: "revoked" };
  if (row.expiresAt <= now) return { status: "expired" };
  return { status: "valid", email: row.email, role: row.role };
}

/** Accepting creates the staff account; the link works once. */
export async function acceptInvitation(ctx: ServiceContext, input: z.input<typeof acceptInvitationSchema>, now = new Date()) {
  const { db } = ctx;
  const data = parseInput(acceptInvitationSchema, input);
  const passwordHash = await hashPassword(data.password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(staffInvitations)
      .where(eq(staffInvitations.tokenHash, sha256Hex(data.token)))
      .for("update");
    if (!row || row.acceptedAt || row.revokedAt || row.expiresAt <= now) {
      throw new NotFoundError("invitation");
    }
    const email = row.email ?? data.email;
    if (!email) throw new ValidationError([{ field: "email", code: "required", message: "enter your email address" }]);
    const [existing] = await tx.select({ id: staff.id }).from(staff).where(eq(staff.email, email));
    if (existing) throw new ConflictError("staff_exists", `${email} already has an account. Sign in instead.`);
    const id = newId("user");
    await tx.insert(staff).values({ id, email, name: data.name, passwordHash, role: row.role, createdAt: now, updatedAt: now });
    await tx.update(staffInvitations).set({ acceptedAt: now }).where(eq(staffInvitations.id, row.id));
    return { id, email, role: row.role };
  });
}
