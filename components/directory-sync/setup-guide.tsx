import { KeyRound, TriangleAlert } from "lucide-react";
import type { ReactNode } from "react";
import { CopyField } from "@/components/ui/copy-button";
import { providerGuide } from "./providers";

/**
 * The provider's steps, with the SCIM base URL and the bearer token beside the step that needs them.
 * The token exists only right after it was issued; otherwise `tokenAction` offers a new one.
 */
export function SetupGuide({
  type,
  productName,
  baseUrl,
  token,
  tokenAction,
}: {
  type: string;
  productName: string;
  baseUrl: string;
  token: string | null;
  tokenAction?: ReactNode;
}) {
  const guide = providerGuide(type);
  return (
    <ol className="space-y-5">
      {guide.steps(productName).map((step, i) => (
        <li key={step.title} className="flex gap-4">
          <span aria-hidden className="flex size-7 shrink-0 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-800">
            {i + 1}
          </span>
          <div className="min-w-0 flex-1">
            <h3 className="text-sm font-semibold text-slate-900">{step.title}</h3>
            <p className="mt-1 text-sm text-slate-600">{step.body}</p>
            {step.fields ? (
              <div className="mt-3 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3.5">
                <div>
                  <label htmlFor={`scim-base-url-${i}`} className="mb-1 block text-xs font-medium text-slate-700">
                    {guide.baseUrlLabel}
                  </label>
                  <CopyField id={`scim-base-url-${i}`} label="SCIM base URL" value={baseUrl} />
                </div>
                <div>
                  <p className="mb-1 text-xs font-medium text-slate-700">{guide.tokenLabel}</p>
                  {token ? (
                    <CopyField id={`scim-token-${i}`} label="Bearer token" value={token} />
                  ) : (
                    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
                      <KeyRound aria-hidden className="size-4 text-slate-500" />
                      <span>The token was shown once, when it was issued.</span>
                      {tokenAction}
                    </div>
                  )}
                </div>
              </div>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function TokenOnceNotice() {
  return (
    <div role="status" className="flex gap-2.5 rounded-md border border-amber-200 bg-amber-50 px-3.5 py-3 text-sm text-amber-900">
      <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        The bearer token is shown only now. Paste it into your identity provider before you leave this page; you can regenerate it later, which stops the old
        one.
      </p>
    </div>
  );
}
