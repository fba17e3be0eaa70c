import { z } from "zod";
import { addDomain, listDomains, removeDomain, verifyDomainNow } from "@/server/services/domains";
import { intentProcedure, router } from "@/server/trpc/init";

const domainProcedure = intentProcedure("domain_verification");
const idInput = z.object({ id: z.string().min(1).max(100) });

/** The IT admin's domain verification: always within the session's organization. */
export const portalDomainsRouter = router({
  list: domainProcedure.query(({ ctx }) => listDomains(ctx.service)),
  add: domainProcedure.input(z.object({ domain: z.string() })).mutation(({ ctx, input }) => addDomain(ctx.service, { domain: input.domain })),
  verifyNow: domainProcedure.input(idInput).mutation(({ ctx, input }) => verifyDomainNow(ctx.service, input.id)),
  remove: domainProcedure.input(idInput).mutation(({ ctx, input }) => removeDomain(ctx.service, input.id)),
});
