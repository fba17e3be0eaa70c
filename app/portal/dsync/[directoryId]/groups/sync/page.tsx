import { BackTo } from "@/components/directory-sync/back-to";
import { GroupSyncEditor } from "@/components/directory-sync/group-sync-editor";
import { dsyncCaller, orNotFound } from "../../../gate";

export default async function GroupsSyncPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  const { caller } = await dsyncCaller();
  const [overview, choices] = await Promise.all([orNotFound(caller.overview({ directoryId })), orNotFound(caller.groupChoices({ directoryId }))]);
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}/groups`}>Groups</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Edit groups sync</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Sync everyone, or only the members of the groups you choose.</p>
      <GroupSyncEditor directoryId={directoryId} choices={choices} allGroups={overview.groupFilter === null} />
    </>
  );
}
