import { ListTree } from "lucide-react";
import Link from "next/link";
import { BackTo } from "@/components/directory-sync/back-to";
import { GroupList } from "@/components/directory-sync/group-list";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export default async function DirectoryGroupsPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  await openedPortalIntent("dsync");
  const [overview, groups] = await Promise.all([
    loadOrNotFound(portalTrpc.portal.directorySync.overview.queryOptions({ directoryId })),
    loadOrNotFound(portalTrpc.portal.directorySync.groups.queryOptions({ directoryId })),
  ]);
  const synced = groups.filter((g) => g.synced).length;
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}`}>{overview.directory.name}</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Groups</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {groups.length} {groups.length === 1 ? "group" : "groups"} in the directory;{" "}
        {overview.groupFilter === null ? "all sync" : `${synced} ${synced === 1 ? "syncs" : "sync"}`}.
      </p>
      <Card>
        <CardHeader
          title="Directory groups"
          action={
            <Link href={`/portal/dsync/${directoryId}/groups/sync`} className={buttonClass("secondary")}>
              <ListTree aria-hidden className="size-4" /> Edit groups sync
            </Link>
          }
        />
        <GroupList groups={groups} hrefOf={(groupId) => `/portal/dsync/${directoryId}/groups/${groupId}`} />
      </Card>
    </>
  );
}
