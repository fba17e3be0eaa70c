import { and, eq, exists } from "drizzle-orm";
import { directories, directoryGroupMembers, directoryGroups, directoryUsers } from "@/db/schema";
import { NotFoundError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { directoryGroupToWire, type DirectoryGroupWire } from "@/server/wire/directory-sync";
import { findDirectoryRow } from "./access";
import { groupVisible } from "./api-users";
import { listDirectoryGroupsSchema, type ListDirectoryGroupsInput } from "./schemas";
import { boundOrganizationId, requireScope } from "@/server/services/scope";

export async function listDirectoryGroups(ctx: ServiceContext, input: ListDirectoryGroupsInput): Promise<Page<DirectoryGroupWire>> {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const params = parseInput(listDirectoryGroupsSchema, input);
  if (!params.directory && !params.user) throw new ValidationError([{ field: "directory", code: "directory_required", message: "pass directory or user" }]);
  let directoryId = params.directory;
  if (params.user) {
    const organizationId = boundOrganizationId(ctx);
    const [user] = await ctx.db
      .select({ directoryId: directoryUsers.directoryId })
      .from(directoryUsers)
      .where(and(eq(directoryUsers.id, params.user), organizationId ? eq(directoryUsers.organizationId, organizationId) : undefined));
    if (!user) throw new NotFoundError("directory_user", params.user);
    if (directoryId && directoryId !== user.directoryId) return { data: [], listMetadata: { before: null, after: null } };
    directoryId = user.directoryId;
  }
  const directory = await findDirectoryRow(ctx, ctx.db, directoryId!);
  const where = and(
    eq(directoryGroups.directoryId, directory.id),
    groupVisible(directory),
    params.user
      ? exists(
          ctx.db
            .select({ one: directoryGroupMembers.groupId })
            .from(directoryGroupMembers)
            .where(and(eq(directoryGroupMembers.groupId, directoryGroups.id), eq(directoryGroupMembers.userId, params.user))),
        )
      : undefined,
  );
  const page = await paginate(directoryGroups.id, params, where, (w, orderBy, limit) =>
    ctx.db.select().from(directoryGroups).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: page.data.map(directoryGroupToWire), listMetadata: page.listMetadata };
}

export async function getDirectoryGroup(ctx: ServiceContext, id: string): Promise<DirectoryGroupWire> {
  const organizationId = requireScope(ctx, { intent: "dsync", role: "viewer" });
  const [row] = await ctx.db
    .select({ group: directoryGroups, directory: directories })
    .from(directoryGroups)
    .innerJoin(directories, eq(directories.id, directoryGroups.directoryId))
    .where(and(eq(directoryGroups.id, id), organizationId ? eq(directoryGroups.organizationId, organizationId) : undefined));
  if (!row || (row.directory.groupFilter && !row.directory.groupFilter.includes(id))) throw new NotFoundError("directory_group", id);
  return directoryGroupToWire(row.group);
}
