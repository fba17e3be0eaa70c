import { BackTo } from "@/components/directory-sync/back-to";
import { ProviderPicker } from "@/components/directory-sync/provider-picker";
import { dsyncCaller } from "../gate";

export default async function NewDirectoryPage() {
  const { productName } = await dsyncCaller();
  return (
    <>
      <BackTo href="/portal/dsync">Directory Sync</BackTo>
      <ProviderPicker productName={productName} />
    </>
  );
}
