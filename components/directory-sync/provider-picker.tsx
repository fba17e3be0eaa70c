import { providerGuides } from "./providers";
import { ProviderForm } from "./provider-form";

/**
 * Step one: which identity provider. The form gets only the providers' names; their walk-throughs load
 * once a directory has been created.
 */
export function ProviderPicker({ productName }: { productName: string }) {
  return <ProviderForm productName={productName} providers={providerGuides.map(({ type, label }) => ({ type, label }))} />;
}
