import { z } from "zod";
import { createOrganization, deleteOrganization, getOrganization, listOrganizations, updateOrganization } from "@/server/services/organizations";
import { createOrganizationSchema, updateOrganizationSchema } from "@/server/services/organizations/schemas";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const idInput = z.object({ id: z.string().min(1).max(100) });

export const organizationsRouter = router({
  list: staffProcedure
    .input(
      z.object({
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(100).optional(),
        before: z.string().optional(),
        after: z.string().optional(),
      }),
    )
    .query(({ ctx, input }) => listOrganizations(ctx.service, input)),
  get: staffProcedure.input(idInput).query(({ ctx, input }) => getOrganization(ctx.service, input.id)),
  // The service's own schemas: the dashboard and the API share one set of rules.
  create: editorProcedure.input(createOrganizationSchema).mutation(({ ctx, input }) => createOrganization(ctx.service, input)),
  update: editorProcedure
    .input(z.object({ id: z.string().min(1).max(100), data: updateOrganizationSchema }))
    .mutation(({ ctx, input }) => updateOrganization(ctx.service, input.id, input.data)),
  delete: editorProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    await deleteOrganization(ctx.service, input.id);
    return { id: input.id };
  }),
});
