import { Plus } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BackTo } from "@/components/directory-sync/back-to";
import { ProviderPicker } from "@/components/directory-sync/provider-picker";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DirectoryList } from "@/components/directory-sync/directory-list";
import { openedPortalIntent } from "@/server/portal/gate";
import { loadOrNotFound, portalTrpc } from "@/server/trpc/server";

const directoryHref = (id: string) => `/portal/dsync/${id}`;

/** First visit: choose a provider. With one directory: its page. With several: the list. */
export default async function DirectorySyncHome() {
  const { branding } = await openedPortalIntent("dsync");
  const productName = branding.productName;
  const directories = await loadOrNotFound(portalTrpc.portal.directorySync.list.queryOptions());
  if (directories.length === 1) redirect(`/portal/dsync/${directories[0]!.directory.id}`);
  if (directories.length === 0) {
    return (
      <>
        <BackTo href="/portal">All features</BackTo>
        <ProviderPicker productName={productName} />
      </>
    );
  }
  return (
    <>
      <BackTo href="/portal">All features</BackTo>
      <h1 className="text-2xl font-semibold text-slate-900">Directory Sync</h1>
      <p className="mt-1 text-sm text-slate-600">Your organization syncs people and groups from these directories.</p>
      <Card className="mt-6">
        <CardHeader
          title="Directories"
          action={
            <Link href="/portal/dsync/new" className={buttonClass("secondary")}>
              <Plus aria-hidden className="size-4" /> Add a directory
            </Link>
          }
        />
        <DirectoryList items={directories} hrefOf={directoryHref} />
      </Card>
    </>
  );
}
