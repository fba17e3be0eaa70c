import { z } from "zod";
import {
  createDirectory,
  getDirectoryOverview,
  getDirectoryUser,
  getGroupWithMembers,
  listDirectorySummaries,
  listDirectoryUsers,
  listGroupChoices,
  listGroupSummaries,
  resetDirectory,
  rotateDirectoryToken,
  updateAttributeMap,
  updateGroupFilter,
} from "@/server/services/directory-sync";
import { directoryTypeSchema } from "@/server/services/directory-sync/schemas";
import { intentProcedure, router } from "@/server/trpc/init";

const dsync = intentProcedure("dsync");
const id = z.string().min(1).max(100);
const directoryInput = z.object({ directoryId: id });

/**
 * The IT admin's Directory Sync screens. The organization is always the session's: services scope
 * every directory, user and group to it, so another organization's ids answer "not found".
 */
export const portalDirectorySyncRouter = router({
  list: dsync.query(({ ctx }) => listDirectorySummaries(ctx.service, ctx.portal.organizationId)),
  /** Returns the bearer token: the only time it is shown. */
  create: dsync
    .input(z.object({ type: directoryTypeSchema }))
    .mutation(({ ctx, input }) => createDirectory(ctx.service, { organizationId: ctx.portal.organizationId, type: input.type })),
  overview: dsync.input(directoryInput).query(({ ctx, input }) => getDirectoryOverview(ctx.service, input.directoryId)),
  rotateToken: dsync.input(directoryInput).mutation(({ ctx, input }) => rotateDirectoryToken(ctx.service, input.directoryId)),
  reset: dsync.input(directoryInput).mutation(({ ctx, input }) => resetDirectory(ctx.service, input.directoryId)),
  // The map's own rules (names, paths, size) are the service's, so the API and the portal agree.
  updateAttributeMap: dsync
    .input(z.object({ directoryId: id, map: z.record(z.string(), z.string()) }))
    .mutation(({ ctx, input }) => updateAttributeMap(ctx.service, input.directoryId, input.map)),
  groupChoices: dsync.input(directoryInput).query(({ ctx, input }) => listGroupChoices(ctx.service, input.directoryId)),
  groups: dsync.input(directoryInput).query(({ ctx, input }) => listGroupSummaries(ctx.service, input.directoryId)),
  group: dsync.input(directoryInput.extend({ groupId: id })).query(({ ctx, input }) => getGroupWithMembers(ctx.service, input.directoryId, input.groupId)),
  /** `groups: null` syncs every group. */
  updateGroupFilter: dsync
    .input(z.object({ directoryId: id, groups: z.array(z.string()).nullable() }))
    .mutation(({ ctx, input }) => updateGroupFilter(ctx.service, input.directoryId, input.groups)),
  users: dsync
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
  user: dsync.input(z.object({ userId: id })).query(({ ctx, input }) => getDirectoryUser(ctx.service, input.userId)),
});
