import type { ComponentProps } from "react";

/**
 * Tables scroll sideways inside their card on narrow screens instead of squeezing columns. The
 * scrolling region is focusable and named so keyboard users can scroll it too, and positioned so
 * visually hidden header text stays inside it instead of widening the page.
 */
export function Table({
  className = "",
  "aria-label": label,
  stacked = false,
  ...props
}: ComponentProps<"table"> & { "aria-label": string; stacked?: boolean }) {
  return (
    <div className="relative overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600" tabIndex={0} role="region" aria-label={label}>
      {/* `stacked` tables lay each row out as a block on phones (app/globals.css); their cells carry a `label`. */}
      <table aria-label={label} data-stacked={stacked ? "" : undefined} className={`w-full min-w-[36rem] text-left text-sm ${className}`} {...props} />
    </div>
  );
}

export function Th({ className = "", ...props }: ComponentProps<"th">) {
  return <th scope="col" className={`bg-slate-50 px-5 py-2.5 text-xs font-semibold tracking-wide text-slate-600 uppercase ${className}`} {...props} />;
}

/** `label` names the cell's column where a stacked table shows it (phones). */
export function Td({ className = "", label, ...props }: ComponentProps<"td"> & { label?: string }) {
  return <td data-label={label} className={`border-t border-slate-200 px-5 py-3 align-middle whitespace-nowrap text-slate-700 ${className}`} {...props} />;
}
