import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey } from "@/server/services/api-keys";
import { getClientId } from "@/server/services/settings/installation";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

export const apiKeysRouter = router({
  list: staffProcedure.query(async ({ ctx }) => ({
    clientId: await getClientId(ctx.service.db),
    keys: await listApiKeys(ctx.service),
  })),
  create: editorProcedure.input(z.object({ name: z.string() })).mutation(({ ctx, input }) => createApiKey(ctx.service, input)),
  revoke: editorProcedure.input(z.object({ id: z.string().min(1).max(100) })).mutation(async ({ ctx, input }) => {
    await revokeApiKey(ctx.service, input.id);
    return { id: input.id };
  }),
});
