import { z } from "zod";
import { portalIntents } from "@/db/schema";
import { createSetupLink, getActiveSetupLink, revokeSetupLink } from "@/server/services/portal";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const organizationInput = z.object({ organizationId: z.string().min(1).max(100) });

export const setupLinksRouter = router({
  /** The organization's active "Invite admin" link, or null. */
  get: staffProcedure.input(organizationInput).query(({ ctx, input }) => getActiveSetupLink(ctx.service, input.organizationId)),
  create: editorProcedure
    .input(organizationInput.extend({ intents: z.array(z.enum(portalIntents)), email: z.string().optional() }))
    .mutation(({ ctx, input }) => createSetupLink(ctx.service, input)),
  revoke: editorProcedure.input(organizationInput).mutation(({ ctx, input }) => revokeSetupLink(ctx.service, input.organizationId)),
});
