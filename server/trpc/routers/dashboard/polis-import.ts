import { z } from "zod";
import { getPolisImport, listPolisImports, startPolisImport } from "@/server/services/import";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

/** Settings → Import from Polis: start a run, then read its progress and report. */
export const polisImportRouter = router({
  start: editorProcedure
    .input(z.object({ url: z.string(), apiKey: z.string(), products: z.array(z.string()), dryRun: z.boolean().optional() }))
    .mutation(({ ctx, input }) => startPolisImport(ctx.service, input)),
  get: staffProcedure.input(z.object({ id: z.string() })).query(({ ctx, input }) => getPolisImport(ctx.service, input.id)),
  list: staffProcedure.query(({ ctx }) => listPolisImports(ctx.service)),
});
