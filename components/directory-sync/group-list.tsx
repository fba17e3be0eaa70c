import { ChevronRight, ListTree, UserRound } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/feedback";

interface GroupListItem {
  id: string;
  name: string;
  memberCount: number;
  synced: boolean;
}

/** The directory's groups as rows that stack on a phone: name, member count, and whether it syncs. */
export function GroupList({ groups, hrefOf }: { groups: GroupListItem[]; hrefOf: (id: string) => string }) {
  if (groups.length === 0) {
    return (
      <EmptyState icon={ListTree} title="No groups yet">
        Groups appear here once your identity provider pushes them.
      </EmptyState>
    );
  }
  return (
    <ul aria-label="Directory groups" className="divide-y divide-slate-200">
      {groups.map((group) => (
        <li key={group.id}>
          <Link
            href={hrefOf(group.id)}
            className="flex items-center gap-3 px-5 py-3.5 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
          >
            <span className="min-w-0 flex-1">
              <span className="block truncate font-medium text-slate-900">{group.name}</span>
              <span className="mt-0.5 flex items-center gap-1 text-sm text-slate-600">
                <UserRound aria-hidden className="size-3.5" /> {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
              </span>
            </span>
            {group.synced ? <Badge tone="green">Syncs</Badge> : <Badge>Not synced</Badge>}
            <ChevronRight aria-hidden className="size-4 shrink-0 text-slate-500" />
          </Link>
        </li>
      ))}
    </ul>
  );
}

interface GroupMemberItem {
  id: string;
  userName: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  active: boolean;
}

/** A group's members, one stacked row each; links to the user where the surface has user pages. */
export function GroupMemberList({
  members,
  total,
  shownLimit,
  hrefOf,
}: {
  members: GroupMemberItem[];
  total: number;
  shownLimit: number;
  hrefOf?: (id: string) => string;
}) {
  if (members.length === 0) {
    return (
      <EmptyState icon={UserRound} title="No members">
        This group has no members in the directory yet.
      </EmptyState>
    );
  }
  return (
    <>
      <ul aria-label="Group members" className="divide-y divide-slate-200">
        {members.map((member) => {
          const name = [member.firstName, member.lastName].filter(Boolean).join(" ") || member.email || member.userName;
          const body = (
            <>
              <span className="min-w-0 flex-1">
                <span className="block truncate font-medium text-slate-900">{name}</span>
                <span className="block truncate text-sm text-slate-600">{member.email ?? member.userName}</span>
              </span>
              {member.active ? null : <Badge tone="amber">Deactivated</Badge>}
            </>
          );
          return (
            <li key={member.id}>
              {hrefOf ? (
                <Link
                  href={hrefOf(member.id)}
                  className="flex items-center gap-3 px-5 py-3 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
                >
                  {body}
                </Link>
              ) : (
                <div className="flex items-center gap-3 px-5 py-3">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
      {total > members.length || members.length >= shownLimit ? (
        <p className="border-t border-slate-200 px-5 py-3 text-sm text-slate-600">Showing the first {members.length} members by name.</p>
      ) : null}
    </>
  );
}
