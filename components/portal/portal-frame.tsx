import type { ReactNode } from "react";
import type { Branding } from "@/server/services/settings/branding";
import { brandStyle } from "./brand-style";
import { PortalHeader } from "./portal-header";

/** Every signed-in portal page: the vendor's colours and header around a centred column. */
export function PortalFrame({
  branding,
  organizationName,
  returnUrl,
  width = "wide",
  children,
}: {
  branding: Branding;
  organizationName: string;
  returnUrl: string | null;
  width?: "wide" | "narrow";
  children: ReactNode;
}) {
  // Tailwind only generates class names it can see whole, so both widths are spelled out.
  const widthClass = width === "wide" ? "max-w-4xl" : "max-w-3xl";
  return (
    <div className="min-h-screen bg-slate-50" style={brandStyle(branding.primaryColor)}>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <PortalHeader branding={branding} organizationName={organizationName} returnUrl={returnUrl} widthClass={widthClass} />
      <main id="main" className={`mx-auto w-full px-4 py-8 sm:px-6 sm:py-10 ${widthClass}`}>
        {children}
      </main>
      <footer className="pb-8 text-center text-xs text-slate-600">
        {branding.productName} Admin Portal · for the IT team of {organizationName}
      </footer>
    </div>
  );
}
