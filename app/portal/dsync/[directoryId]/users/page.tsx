import { BackTo } from "@/components/directory-sync/back-to";
import { UsersTable } from "@/components/directory-sync/users-table";
import { Card, CardHeader } from "@/components/ui/card";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export default async function DirectoryUsersPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  await openedPortalIntent("dsync");
  const overview = await loadOrNotFound(portalTrpc.portal.directorySync.overview.queryOptions({ directoryId }));
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}`}>{overview.directory.name}</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Users</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {overview.userCount} {overview.userCount === 1 ? "user" : "users"}{" "}
        {overview.groupFilter === null ? "sync: every user of the directory, in a group or not." : "of the synced groups."}
      </p>
      <Card>
        <CardHeader title="Synced users" />
        <UsersTable directoryId={directoryId} surface="portal" hrefBase={`/portal/dsync/${directoryId}/users`} />
      </Card>
    </>
  );
}
