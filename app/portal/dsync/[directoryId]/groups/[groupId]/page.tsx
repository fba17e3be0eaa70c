import { BackTo } from "@/components/directory-sync/back-to";
import { GroupMemberList } from "@/components/directory-sync/group-list";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export default async function DirectoryGroupPage({ params }: { params: Promise<{ directoryId: string; groupId: string }> }) {
  const { directoryId, groupId } = await params;
  await openedPortalIntent("dsync");
  const { group, members, shownLimit } = await loadOrNotFound(portalTrpc.portal.directorySync.group.queryOptions({ directoryId, groupId }));
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}/groups`}>Groups</BackTo>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold break-words text-slate-900">{group.name}</h1>
        {group.synced ? <Badge tone="green">Syncs</Badge> : <Badge>Not synced</Badge>}
      </div>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {group.memberCount} {group.memberCount === 1 ? "member" : "members"}
        {group.synced ? "" : ": they reach the app only through another group that syncs"}.
      </p>
      <Card>
        <CardHeader title="Members" />
        <GroupMemberList
          members={members}
          total={group.memberCount}
          shownLimit={shownLimit}
          hrefOf={group.synced ? (userId) => `/portal/dsync/${directoryId}/users/${userId}` : undefined}
        />
      </Card>
    </>
  );
}
