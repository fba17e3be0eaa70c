import { ArrowRight } from "lucide-react";
import { brandStyle } from "@/components/portal/brand-style";
import { IntentStatusBadge } from "@/components/portal/intent-card";
import { PortalHeader } from "@/components/portal/portal-header";
import { buttonClass } from "@/components/ui/button";
import type { Branding } from "@/server/services/settings/branding";

/** The portal's header and a feature card as IT admins will see them, drawn with the unsaved values. */
export function BrandingPreview({ branding }: { branding: Branding }) {
  return (
    <figure className="overflow-hidden rounded-lg border border-slate-200 bg-slate-50" style={brandStyle(branding.primaryColor)}>
      <div inert>
        <PortalHeader branding={branding} organizationName="Example Corp" returnUrl="https://example.com" />
        <div className="p-5">
          <div className="max-w-sm rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
            <div className="flex items-center justify-between gap-2">
              <p className="text-sm font-semibold text-slate-900">Single Sign-On</p>
              <IntentStatusBadge status="not_started" />
            </div>
            <p className="mt-1.5 text-sm text-slate-600">Connect your identity provider.</p>
            <span className={`${buttonClass("primary", "sm")} mt-3`}>
              Start <ArrowRight aria-hidden className="size-3.5" />
            </span>
          </div>
        </div>
      </div>
      <figcaption className="border-t border-slate-200 bg-white px-4 py-2 text-xs text-slate-600">Preview of the Admin Portal</figcaption>
    </figure>
  );
}
