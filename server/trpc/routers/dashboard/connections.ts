import { z } from "zod";
import { getConnection, listConnections, listSsoSessions, setConnectionActive } from "@/server/services/sso";
import { connectionView } from "@/server/services/sso/load";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const id = z.string().min(1).max(100);

/** Staff's view of an organization's SSO connections and their recent sign-in attempts. */
export const connectionsRouter = router({
  list: staffProcedure.input(z.object({ organizationId: id })).query(async ({ ctx, input }) => {
    const page = await listConnections(ctx.service, { organizationId: input.organizationId, limit: 100 });
    return Promise.all(page.data.map((row) => connectionView(ctx.service.db, row)));
  }),
  get: staffProcedure.input(z.object({ id })).query(({ ctx, input }) => getConnection(ctx.service, input.id)),
  sessions: staffProcedure.input(z.object({ organizationId: id })).query(({ ctx, input }) => listSsoSessions(ctx.service, { organizationId: input.organizationId, limit: 20 })),
  setActive: editorProcedure.input(z.object({ id, active: z.boolean() })).mutation(({ ctx, input }) => setConnectionActive(ctx.service, input.id, input.active)),
});
