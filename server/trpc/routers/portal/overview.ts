import { z } from "zod";
import { portalIntents } from "@/db/schema";
import { intentLabels, intentStatuses, markIntentStarted } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";
import { getRedirectSettings } from "@/server/services/settings/redirects";
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
    if (!ctx.portal.intents.includes(input.intent)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "This link does not include that feature." });
    }
    await markIntentStarted(ctx.service.db, ctx.portal.organizationId, input.intent);
    const redirects = await getRedirectSettings(ctx.service.db);
    return { successUrl: ctx.portal.successUrl ?? redirects.successUrls[input.intent] ?? null };
  }),
});
