import { BackTo } from "@/components/directory-sync/back-to";
import { ProviderPicker } from "@/components/directory-sync/provider-picker";
import { openedPortalIntent } from "@/server/portal/gate";

export default async function NewDirectoryPage() {
  const { branding } = await openedPortalIntent("dsync");
  return (
    <>
      <BackTo href="/portal/dsync">Directory Sync</BackTo>
      <ProviderPicker productName={branding.productName} />
    </>
  );
}
