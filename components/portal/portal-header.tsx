import { ArrowLeft } from "lucide-react";
import type { Branding } from "@/server/services/settings/branding";

/** The vendor's logo (or product name) and the customer's organization, with the way back to the app. */
export function PortalHeader({
  branding,
  organizationName,
  returnUrl,
  widthClass = "max-w-4xl",
}: {
  branding: Branding;
  organizationName: string;
  returnUrl: string | null;
  widthClass?: string;
}) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="h-1 bg-brand-600" aria-hidden />
      <div className={`mx-auto flex ${widthClass} flex-wrap items-center justify-between gap-3 px-4 py-3.5 sm:px-6`}>
        <div className="flex min-w-0 items-center gap-3">
          {branding.logoUrl ? (
            // A vendor-supplied logo: any host or a data: URL, so no image optimisation.
            <img src={branding.logoUrl} alt={branding.productName} className="h-8 w-auto max-w-40 object-contain" />
          ) : (
            <span className="text-lg font-semibold tracking-tight text-brand-800">{branding.productName}</span>
          )}
          <span className="truncate border-l border-slate-300 pl-3 text-sm font-medium text-slate-700" data-testid="portal-organization">
            {organizationName}
          </span>
        </div>
        {returnUrl ? (
          <a
            href={returnUrl}
            className="inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
          >
            <ArrowLeft className="size-4" aria-hidden />
            Return to {branding.productName}
          </a>
        ) : null}
      </div>
    </header>
  );
}
