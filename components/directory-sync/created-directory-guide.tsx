import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { CreatedDirectory } from "./create-directory";
import { SetupGuide, TokenOnceNotice } from "./setup-guide";

/** Step two: the provider's walk-through, with the base URL and the token shown this once. */
export default function CreatedDirectoryGuide({ created, label, productName }: { created: CreatedDirectory; label: string; productName: string }) {
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold text-slate-900">Connect {label}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Follow these steps in {label}. Your directory links as soon as {label} sends its first request.
        </p>
      </header>
      <TokenOnceNotice />
      <Card className="p-5 sm:p-6">
        <SetupGuide type={created.type} productName={productName} baseUrl={created.scim_base_url} token={created.bearer_token} />
      </Card>
      <div className="flex justify-end">
        <Link href={`/portal/dsync/${created.id}`} className={buttonClass("primary")}>
          I have set it up: show the directory <ArrowRight aria-hidden className="size-4" />
        </Link>
      </div>
    </div>
  );
}
