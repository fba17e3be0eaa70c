import { z } from "zod";
import { portalIntents } from "@/db/schema";
import { intentLabels, intentStatuses, openPortalIntent } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";
import { portalProcedure, router } from "@/server/trpc/init";
import { TRPCError } from "@trpc/server";

export const portalOverviewRouter = router({
  /** What the portal home shows: the organization, the link's features and where each stands. */
  get: portalProcedure.query(async ({ ctx }) => {
    const statuses = await intentStatuses(ctx.service.db, ctx.portal.organizationId, ctx.portal.intents);
    return {
      organizationName: ctx.portal.organizationName,
      branding: await getBranding(ctx.service.db),
      returnUrl: ctx.portal.returnUrl,
      intents: ctx.portal.intents.map((intent) => ({ intent, label: intentLabels[intent], status: statuses[intent] })),
    };
  }),
  /** Opening a feature's screens marks it in progress. Only the link's own intents. */
  startIntent: portalProcedure.input(z.object({ intent: z.enum(portalIntents) })).mutation(async ({ ctx, input }) => {
    const access = await openPortalIntent(ctx.service.db, ctx.portal, input.intent);
    if (!access.ok) throw new TRPCError({ code: "FORBIDDEN", message: "This link does not include that feature." });
    return { successUrl: access.successUrl };
  }),
});
