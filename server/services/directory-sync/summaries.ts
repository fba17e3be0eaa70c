import { and, count, eq, inArray } from "drizzle-orm";
import { directories, directoryGroups, directoryUsers } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import type { DirectoryWire } from "@/server/wire/directory-sync";
import { directoryWire } from "./access";
import { userVisible } from "./api-users";
import { lastSyncAt } from "./request-log";
import { requireScope } from "@/server/services/scope";

interface DirectorySummary {
  directory: DirectoryWire;
  /** Users the API returns: members of the synced groups (every user when all groups sync). */
  userCount: number;
  groupCount: number;
  syncedGroupCount: number;
  lastSyncAt: Date | null;
}

/**
 * An organization's directories with what syncs through each (users of the synced groups, groups)
 * and when they last synced: the dashboard's Directories section and the portal's directory list.
 */
export async function listDirectorySummaries(ctx: ServiceContext, organizationId: string): Promise<DirectorySummary[]> {
  const scoped = requireScope(ctx, { intent: "dsync", role: "viewer", organization: { id: organizationId, resource: "directory" } }) ?? organizationId;
  const rows = await ctx.db.select().from(directories).where(eq(directories.organizationId, scoped)).orderBy(directories.id).limit(100);
  if (rows.length === 0) return [];
  const groups = await ctx.db
    .select({ directoryId: directoryGroups.directoryId, n: count() })
    .from(directoryGroups)
    .where(
      inArray(
        directoryGroups.directoryId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(directoryGroups.directoryId);
  return Promise.all(
    rows.map(async (row) => {
      const [users] = await ctx.db
        .select({ n: count() })
        .from(directoryUsers)
        .where(and(eq(directoryUsers.directoryId, row.id), userVisible(row, ctx.db)));
      const all = groups.find((g) => g.directoryId === row.id)?.n ?? 0;
      return {
        directory: await directoryWire(ctx.db, row),
        userCount: users?.n ?? 0,
        groupCount: all,
        syncedGroupCount: row.groupFilter === null ? all : row.groupFilter.length,
        lastSyncAt: await lastSyncAt(ctx.db, row.id),
      };
    }),
  );
}
