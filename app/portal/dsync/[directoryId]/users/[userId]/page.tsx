import { notFound } from "next/navigation";
import { BackTo } from "@/components/directory-sync/back-to";
import { PortalUserDetails } from "@/components/directory-sync/hydrated/user-details";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export default async function DirectoryUserPage({ params }: { params: Promise<{ directoryId: string; userId: string }> }) {
  const { directoryId, userId } = await params;
  await openedPortalIntent("dsync");
  const user = await loadOrNotFound(portalTrpc.portal.directorySync.user.queryOptions({ userId }));
  if (user.directory_id !== directoryId) notFound();
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}/users`}>Users</BackTo>
      <Hydrate>
        <PortalUserDetails userId={userId} />
      </Hydrate>
    </>
  );
}
