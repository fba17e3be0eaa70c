import type { ReactNode } from "react";

/** One term and its value in a details list (`<dl>`): side by side on wide screens, stacked on phones. */
export function DetailRow({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="px-5 py-3 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{term}</dt>
      <dd className="mt-1 min-w-0 text-sm break-words text-slate-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}
