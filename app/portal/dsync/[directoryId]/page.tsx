import { BackTo } from "@/components/directory-sync/back-to";
import { PortalDirectoryOverview } from "@/components/directory-sync/portal-overview";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export default async function DirectoryPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  const { branding } = await openedPortalIntent("dsync");
  await loadOrNotFound(portalTrpc.portal.directorySync.overview.queryOptions({ directoryId }));
  return (
    <>
      <BackTo href="/portal">All features</BackTo>
      <Hydrate>
        <PortalDirectoryOverview directoryId={directoryId} productName={branding.productName} />
      </Hydrate>
    </>
  );
}
