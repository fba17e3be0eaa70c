import { listOutbox, mailIsConfigured } from "@/server/services/mail";
import { brandingSchema, getBranding, updateBranding } from "@/server/services/settings/branding";
import { getRedirectSettings, redirectSettingsSchema, updateRedirectSettings } from "@/server/services/settings/redirects";
import { listOAuthConnections, updateOAuthConnection, updateOAuthConnectionSchema } from "@/server/services/sso";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

export const settingsRouter = router({
  redirects: staffProcedure.query(({ ctx }) => getRedirectSettings(ctx.service.db)),
  updateRedirects: editorProcedure.input(redirectSettingsSchema).mutation(({ ctx, input }) => updateRedirectSettings(ctx.service, input)),
  branding: staffProcedure.query(({ ctx }) => getBranding(ctx.service.db)),
  updateBranding: editorProcedure.input(brandingSchema).mutation(({ ctx, input }) => updateBranding(ctx.service, input)),
  /** Google and Microsoft sign-in (`provider=GoogleOAuth|MicrosoftOAuth`): the environment's OAuth clients. */
  oauthProviders: staffProcedure.query(({ ctx }) => listOAuthConnections(ctx.service)),
  updateOAuthProvider: editorProcedure.input(updateOAuthConnectionSchema).mutation(({ ctx, input }) => updateOAuthConnection(ctx.service, input)),
  /** Mail Portico sent or, without SMTP, kept for a local user to open. Owners and admins only: it led to setup links. */
  outbox: editorProcedure.query(async ({ ctx }) => ({ smtpConfigured: mailIsConfigured(), messages: await listOutbox(ctx.service) })),
});
