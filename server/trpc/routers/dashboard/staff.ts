import { z } from "zod";
import { staffRoles } from "@/db/schema";
import { changeOwnPassword, changeStaffRole, inviteStaff, listPendingInvitations, listStaff, removeStaff, revokeInvitation } from "@/server/services/staff";
import { ownerProcedure, router, staffProcedure } from "@/server/trpc/init";

const idInput = z.object({ id: z.string().min(1).max(100) });

export const staffRouter = router({
  me: staffProcedure.query(({ ctx }) => ctx.staff),
  list: staffProcedure.query(async ({ ctx }) => ({
    members: await listStaff(ctx.service),
    invitations: await listPendingInvitations(ctx.service),
  })),
  invite: ownerProcedure.input(z.object({ email: z.string(), role: z.enum(staffRoles) })).mutation(async ({ ctx, input }) => {
    const { url, invitation, delivery } = await inviteStaff(ctx.service, input);
    return { url, invitation, delivery };
  }),
  revokeInvitation: ownerProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await revokeInvitation(ctx.service, input.id);
    return { id: input.id };
  }),
  changeRole: ownerProcedure.input(z.object({ id: z.string().min(1).max(100), role: z.enum(staffRoles) })).mutation(async ({ ctx, input }) => {
    await changeStaffRole(ctx.service, input);
    return input;
  }),
  /** Ends every session of the caller, this one included: the dashboard sends them to sign in again. */
  changePassword: staffProcedure
    .input(z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(1000) }))
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(ctx.service, input);
      return { signedOut: true };
    }),
  remove: ownerProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await removeStaff(ctx.service, input.id);
    return { id: input.id };
  }),
});
