import { z } from "zod";
import { oidcProviders } from "@/server/oidc/providers";
import { oidcConnectionTypes } from "@/server/oidc/types";
import { providerKeys, providers } from "@/server/saml/providers";
import {
  createConnection,
  deleteConnection,
  getConnection,
  getSsoSession,
  listConnections,
  listSsoSessions,
  startTestSignIn,
  updateConnection,
} from "@/server/services/sso";
import { connectionView } from "@/server/services/sso/load";
import { certificateExpiryWarnings } from "@/server/services/sso/expiry-warnings";
import { intentProcedure, router } from "@/server/trpc/init";

const ssoProcedure = intentProcedure("sso");
const id = z.string().min(1).max(100);
const idpConfig = z.object({
  metadataUrl: z.string().optional(),
  metadataXml: z.string().optional(),
  idpEntityId: z.string().optional(),
  ssoUrl: z.string().optional(),
  x509Certificates: z.array(z.string()).optional(),
  attributeMapping: z.object({ email: z.string(), firstName: z.string(), lastName: z.string(), groups: z.string() }).partial().optional(),
});

const oidcConfig = z.object({
  oidcDiscoveryEndpoint: z.string().optional(),
  oidcIssuer: z.string().optional(),
  oidcAuthorizationEndpoint: z.string().optional(),
  oidcTokenEndpoint: z.string().optional(),
  oidcJwksUri: z.string().optional(),
  oidcUserinfoEndpoint: z.string().optional(),
  oidcClientId: z.string().optional(),
  oidcClientSecret: z.string().optional(),
});

/** The IT admin's SSO setup and debugger; the organization is always the portal session's own. */
export const portalSsoRouter = router({
  /** The provider walk-throughs, and the organization's connection (the newest, if several). */
  get: ssoProcedure.query(async ({ ctx }) => {
    const page = await listConnections(ctx.service, { limit: 1 });
    const row = page.data[0];
    return { providers: Object.values(providers), oidcProviders, connection: row ? await connectionView(ctx.service.db, row) : null };
  }),
  create: ssoProcedure
    .input(z.object({ provider: z.enum(providerKeys) }))
    .mutation(({ ctx, input }) => createConnection(ctx.service, { provider: input.provider })),
  createOidc: ssoProcedure
    .input(z.object({ connectionType: z.enum(oidcConnectionTypes) }))
    .mutation(({ ctx, input }) => createConnection(ctx.service, { connectionType: input.connectionType })),
  /** The OIDC side; the secret is write-only (the view says only whether one is stored). */
  configureOidc: ssoProcedure.input(oidcConfig.extend({ id })).mutation(({ ctx, input }) => {
    const { id: connectionId, ...rest } = input;
    return updateConnection(ctx.service, connectionId, rest);
  }),
  configure: ssoProcedure.input(idpConfig.extend({ id })).mutation(({ ctx, input }) => {
    const { id: connectionId, ...rest } = input;
    return updateConnection(ctx.service, connectionId, rest);
  }),
  connection: ssoProcedure.input(z.object({ id })).query(({ ctx, input }) => getConnection(ctx.service, input.id)),
  testSignIn: ssoProcedure.input(z.object({ id })).mutation(({ ctx, input }) => startTestSignIn(ctx.service, input.id)),
  sessions: ssoProcedure
    .input(z.object({ connectionId: id.optional() }).optional())
    .query(({ ctx, input }) => listSsoSessions(ctx.service, { connectionId: input?.connectionId })),
  session: ssoProcedure.input(z.object({ id })).query(({ ctx, input }) => getSsoSession(ctx.service, input.id)),
  /** Certificates of the organization's connections that expire within 90 days. */
  expiringCertificates: ssoProcedure.query(({ ctx }) => certificateExpiryWarnings(ctx.service)),
  reset: ssoProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteConnection(ctx.service, input.id)),
});
