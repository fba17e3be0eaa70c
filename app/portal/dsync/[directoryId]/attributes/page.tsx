import { AttributeMapEditor } from "@/components/directory-sync/attribute-map-editor";
import { BackTo } from "@/components/directory-sync/back-to";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

export default async function AttributeMapPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  await openedPortalIntent("dsync");
  const overview = await loadOrNotFound(portalTrpc.portal.directorySync.overview.queryOptions({ directoryId }));
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}`}>{overview.directory.name}</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Edit attribute map</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        Choose which SCIM attributes become custom attributes, such as department, job title, manager or cost center. Saving updates every user at once.
      </p>
      <AttributeMapEditor directoryId={directoryId} initialMap={overview.attributeMap} />
    </>
  );
}
