import { and, asc, count, eq, sql } from "drizzle-orm";
import { directoryGroupMembers, directoryGroups, directoryUsers } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { findDirectoryRow } from "./access";
import { requireScope } from "@/server/services/scope";

interface GroupSummary {
  id: string;
  name: string;
  memberCount: number;
  /** Whether the group's members reach the app (every group does unless a groups filter is set). */
  synced: boolean;
}

/** The directory's groups with how many members each has, for the IT admin's and staff's groups list. */
export async function listGroupSummaries(ctx: ServiceContext, directoryId: string): Promise<GroupSummary[]> {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const directory = await findDirectoryRow(ctx, ctx.db, directoryId);
  const rows = await ctx.db
    .select({ id: directoryGroups.id, name: directoryGroups.displayName, memberCount: count(directoryGroupMembers.userId) })
    .from(directoryGroups)
    .leftJoin(directoryGroupMembers, eq(directoryGroupMembers.groupId, directoryGroups.id))
    .where(eq(directoryGroups.directoryId, directory.id))
    .groupBy(directoryGroups.id)
    .orderBy(sql`lower(${directoryGroups.displayName})`, directoryGroups.id)
    .limit(5000);
  return rows.map((row) => ({ ...row, synced: directory.groupFilter === null || directory.groupFilter.includes(row.id) }));
}

interface GroupMember {
  id: string;
  userName: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  active: boolean;
}

const MEMBERS_SHOWN = 500;

/** One group and its members (the first 500 by name), as the directory holds them. */
export async function getGroupWithMembers(ctx: ServiceContext, directoryId: string, groupId: string) {
  const [group] = (await listGroupSummaries(ctx, directoryId)).filter((g) => g.id === groupId);
  if (!group) throw new NotFoundError("directory_group", groupId);
  const members: GroupMember[] = await ctx.db
    .select({
      id: directoryUsers.id,
      userName: directoryUsers.userName,
      email: directoryUsers.email,
      firstName: directoryUsers.firstName,
      lastName: directoryUsers.lastName,
      active: directoryUsers.active,
    })
    .from(directoryGroupMembers)
    .innerJoin(directoryUsers, eq(directoryUsers.id, directoryGroupMembers.userId))
    .where(and(eq(directoryGroupMembers.groupId, groupId), eq(directoryGroupMembers.directoryId, directoryId)))
    .orderBy(asc(sql`lower(coalesce(${directoryUsers.firstName}, '') || ' ' || coalesce(${directoryUsers.lastName}, '') || ${directoryUsers.userName})`))
    .limit(MEMBERS_SHOWN);
  return { group, members, shownLimit: MEMBERS_SHOWN };
}
