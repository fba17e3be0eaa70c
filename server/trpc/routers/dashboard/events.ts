import { z } from "zod";
import { listEvents } from "@/server/services/events/list";
import { router, staffProcedure } from "@/server/trpc/init";

export const eventsRouter = router({
  list: staffProcedure
    .input(
      z.object({
        events: z.array(z.string()).optional(),
        organizationId: z.string().optional(),
        rangeStart: z.string().optional(),
        rangeEnd: z.string().optional(),
        after: z.string().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const page = await listEvents(ctx.service, { ...input, events: input.events?.length ? input.events : undefined, order: "desc", limit: 50 });
      return { data: page.data, nextCursor: page.listMetadata.after };
    }),
});
