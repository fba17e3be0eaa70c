import { ShieldCheck } from "lucide-react";
import type { ReactNode } from "react";

/** The centred card that sign-in and invitation pages share. */
export function AuthShell({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-12">
      <div className="mb-8 flex items-center gap-2 text-slate-900">
        <span className="flex size-9 items-center justify-center rounded-lg bg-brand-600 text-white shadow-sm">
          <ShieldCheck aria-hidden className="size-5" />
        </span>
        <span className="text-xl font-semibold tracking-tight">Portico</span>
      </div>
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description ? <div className="mt-1.5 text-sm text-slate-600">{description}</div> : null}
        <div className="mt-6">{children}</div>
      </div>
      {footer ? <div className="mt-6 text-center text-sm text-slate-600">{footer}</div> : null}
    </main>
  );
}
