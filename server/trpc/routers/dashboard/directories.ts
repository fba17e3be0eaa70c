import { z } from "zod";
import {
  getDirectoryOverview,
  getDirectoryUser,
  getGroupWithMembers,
  listDirectorySummaries,
  listDirectoryUsers,
  listGroupSummaries,
} from "@/server/services/directory-sync";
import { router, staffProcedure } from "@/server/trpc/init";

const id = z.string().min(1).max(100);

/** Staff's read-only view of an organization's directories: counts, activity, users, groups. */
export const directoriesRouter = router({
  list: staffProcedure.input(z.object({ organizationId: id })).query(({ ctx, input }) => listDirectorySummaries(ctx.service, input.organizationId)),
  overview: staffProcedure.input(z.object({ directoryId: id })).query(({ ctx, input }) => getDirectoryOverview(ctx.service, input.directoryId)),
  users: staffProcedure
    .input(
      z.object({
        directoryId: id,
        search: z.string().max(200).optional(),
        before: z.string().max(100).optional(),
        after: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(100).optional(),
      }),
    )
    .query(({ ctx, input }) =>
      listDirectoryUsers(ctx.service, {
        directory: input.directoryId,
        search: input.search || undefined,
        before: input.before,
        after: input.after,
        limit: input.limit ?? 25,
      }),
    ),
  user: staffProcedure.input(z.object({ userId: id })).query(({ ctx, input }) => getDirectoryUser(ctx.service, input.userId)),
  groups: staffProcedure.input(z.object({ directoryId: id })).query(({ ctx, input }) => listGroupSummaries(ctx.service, input.directoryId)),
  group: staffProcedure
    .input(z.object({ directoryId: id, groupId: id }))
    .query(({ ctx, input }) => getGroupWithMembers(ctx.service, input.directoryId, input.groupId)),
});
