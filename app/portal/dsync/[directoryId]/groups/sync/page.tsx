import { BackTo } from "@/components/directory-sync/back-to";
import { GroupSyncEditor } from "@/components/directory-sync/group-sync-editor";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export default async function GroupsSyncPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  await openedPortalIntent("dsync");
  const [overview, choices] = await Promise.all([
    loadOrNotFound(portalTrpc.portal.directorySync.overview.queryOptions({ directoryId })),
    loadOrNotFound(portalTrpc.portal.directorySync.groupChoices.queryOptions({ directoryId })),
  ]);
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}/groups`}>Groups</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Edit groups sync</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Sync everyone, or only the members of the groups you choose.</p>
      <GroupSyncEditor directoryId={directoryId} choices={choices} allGroups={overview.groupFilter === null} />
    </>
  );
}
