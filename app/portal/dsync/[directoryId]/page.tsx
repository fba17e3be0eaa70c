import { BackTo } from "@/components/directory-sync/back-to";
import { PortalDirectoryOverview } from "@/components/directory-sync/portal-overview";
import type { DirectoryOverview } from "@/components/directory-sync/types";
import { asWire, dsyncCaller, orNotFound } from "../gate";

export default async function DirectoryPage({ params }: { params: Promise<{ directoryId: string }> }) {
  const { directoryId } = await params;
  const { caller, productName } = await dsyncCaller();
  const overview = await orNotFound(caller.overview({ directoryId }));
  return (
    <>
      <BackTo href="/portal">All features</BackTo>
      <PortalDirectoryOverview initial={asWire<DirectoryOverview>(overview)} productName={productName} />
    </>
  );
}
