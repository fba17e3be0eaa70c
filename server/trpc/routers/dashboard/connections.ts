import { z } from "zod";
import { deleteConnection, getConnection, getSsoSession, listConnections, listSsoSessions, setConnectionActive } from "@/server/services/sso";
import { connectionView } from "@/server/services/sso/load";
import { emailRenewalLink } from "@/server/services/sso/renewal-link";
import { certificateExpiryWarnings } from "@/server/services/sso/expiry-warnings";
import { listConnectionChanges } from "@/server/services/sso/history";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const id = z.string().min(1).max(100);

/** Staff's view of an organization's SSO connections: configuration, sign-in attempts, activation and reset. */
export const connectionsRouter = router({
  list: staffProcedure.input(z.object({ organizationId: id })).query(async ({ ctx, input }) => {
    const page = await listConnections(ctx.service, { organizationId: input.organizationId, limit: 100 });
    return Promise.all(page.data.map((row) => connectionView(ctx.service.db, row)));
  }),
  get: staffProcedure.input(z.object({ id })).query(({ ctx, input }) => getConnection(ctx.service, input.id)),
  sessions: staffProcedure
    .input(z.object({ organizationId: id, connectionId: id.optional() }))
    .query(({ ctx, input }) =>
      listSsoSessions(ctx.service, { organizationId: input.organizationId, connectionId: input.connectionId, limit: input.connectionId ? 50 : 20 }),
    ),
  /** One sign-in attempt with its AuthnRequest and decoded response, as the portal's debugger shows it. */
  session: staffProcedure.input(z.object({ id })).query(({ ctx, input }) => getSsoSession(ctx.service, input.id)),
  setActive: editorProcedure
    .input(z.object({ id, active: z.boolean() }))
    .mutation(({ ctx, input }) => setConnectionActive(ctx.service, input.id, input.active)),
  /** Deletes the configuration and its sessions, as the portal's "Reset connection" does. */
  reset: editorProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteConnection(ctx.service, input.id)),
  /** The connection's history: configuration, metadata refreshes, certificates added and retired. */
  history: staffProcedure.input(z.object({ id })).query(({ ctx, input }) => listConnectionChanges(ctx.service, input.id)),
  /** Connections whose certificates expire within 90 days: every organization's, or one's. */
  expiringCertificates: staffProcedure
    .input(z.object({ organizationId: id.optional() }))
    .query(({ ctx, input }) => certificateExpiryWarnings(ctx.service, { organizationId: input.organizationId })),
  /** Emails a certificate renewal link (a setup link for `certificate_renewal`) to the organization's IT contacts. */
  emailRenewalLink: editorProcedure
    .input(z.object({ organizationId: id, connectionId: id }))
    .mutation(({ ctx, input }) => emailRenewalLink(ctx.service, input)),
});
