import { ArrowLeft } from "lucide-react";
import type { Branding } from "@/server/services/settings/branding";

/** The vendor's branding: logo or product name, in the vendor's colour, with the way back to the app. */
export function PortalHeader({ branding, organizationName, returnUrl }: { branding: Branding; organizationName: string; returnUrl: string | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-4 sm:px-6">
        <div className="flex min-w-0 items-center gap-3">
          {branding.logoUrl ? (
            // eslint-disable-next-line @next/next/no-img-element -- vendor-supplied logo, any host or data: URL
            <img src={branding.logoUrl} alt={branding.productName} className="h-8 w-auto max-w-40 object-contain" />
          ) : (
            <span className="text-lg font-semibold" style={{ color: branding.primaryColor }}>
              {branding.productName}
            </span>
          )}
          <span className="truncate border-l border-slate-200 pl-3 text-sm text-slate-600">{organizationName}</span>
        </div>
        {returnUrl && (
          <a href={returnUrl} className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-700">
            <ArrowLeft className="size-4" aria-hidden="true" />
            Return to {branding.productName}
          </a>
        )}
      </div>
    </header>
  );
}
