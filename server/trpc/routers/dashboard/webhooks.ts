import { z } from "zod";
import { listDeliveries, resendDelivery, sendTestEvent } from "@/server/services/webhooks/deliveries";
import { createEndpoint, deleteEndpoint, listEndpoints, rotateEndpointSecret, updateEndpoint } from "@/server/services/webhooks/endpoints";
import { editorProcedure, router, staffProcedure } from "@/server/trpc/init";

const id = z.object({ id: z.string().min(1).max(100) });

export const webhooksRouter = router({
  list: staffProcedure.query(async ({ ctx }) => (await listEndpoints(ctx.service, { limit: 100, order: "asc" })).data),
  create: editorProcedure
    .input(z.object({ endpointUrl: z.string(), events: z.array(z.string()) }))
    .mutation(({ ctx, input }) => createEndpoint(ctx.service, input as never)),
  update: editorProcedure
    .input(
      z.object({
        id: z.string().min(1).max(100),
        endpointUrl: z.string().optional(),
        events: z.array(z.string()).optional(),
        status: z.enum(["enabled", "disabled"]).optional(),
      }),
    )
    .mutation(({ ctx, input: { id: endpointId, ...data } }) => updateEndpoint(ctx.service, endpointId, data as never)),
  delete: editorProcedure.input(id).mutation(async ({ ctx, input }) => {
    await deleteEndpoint(ctx.service, input.id);
    return { id: input.id };
  }),
  rotateSecret: editorProcedure.input(id).mutation(({ ctx, input }) => rotateEndpointSecret(ctx.service, input.id)),
  deliveries: staffProcedure
    .input(z.object({ endpointId: z.string().min(1).max(100), before: z.string().max(200).optional() }))
    .query(({ ctx, input }) => listDeliveries(ctx.service, input)),
  resend: editorProcedure.input(id).mutation(({ ctx, input }) => resendDelivery(ctx.service, input.id)),
  sendTest: editorProcedure
    .input(z.object({ endpointId: z.string().min(1).max(100), event: z.string() }))
    .mutation(({ ctx, input }) => sendTestEvent(ctx.service, input as never)),
});
