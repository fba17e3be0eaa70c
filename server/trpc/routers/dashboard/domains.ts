import { z } from "zod";
import { addDomain, listDomains, removeDomain, restartVerification, verifyDomainManually, verifyDomainNow } from "@/server/services/domains";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const idInput = z.object({ id: z.string().min(1).max(100) });

/** Staff's view of an organization's domains: add, verify by DNS or by their word, re-check, remove. */
export const domainsRouter = router({
  list: staffProcedure
    .input(z.object({ organizationId: z.string().min(1).max(100) }))
    .query(({ ctx, input }) => listDomains(ctx.service, input.organizationId)),
  add: editorProcedure
    .input(z.object({ organizationId: z.string().min(1).max(100), domain: z.string() }))
    .mutation(({ ctx, input }) => addDomain(ctx.service, input)),
  verifyNow: editorProcedure.input(idInput).mutation(({ ctx, input }) => verifyDomainNow(ctx.service, input.id)),
  verifyManually: editorProcedure.input(idInput).mutation(({ ctx, input }) => verifyDomainManually(ctx.service, input.id)),
  restart: editorProcedure.input(idInput).mutation(({ ctx, input }) => restartVerification(ctx.service, input.id)),
  remove: editorProcedure.input(idInput).mutation(({ ctx, input }) => removeDomain(ctx.service, input.id)),
});
