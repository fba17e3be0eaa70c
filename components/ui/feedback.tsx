import { LoaderCircle, type LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

export function Spinner({ className = "size-4", label }: { className?: string; label?: string }) {
  return (
    <>
      <LoaderCircle aria-hidden className={`animate-spin ${className}`} />
      {label ? <span className="sr-only">{label}</span> : null}
    </>
  );
}

export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded bg-slate-200 ${className}`} />;
}

export function EmptyState({ icon: Icon, title, children, action }: { icon: LucideIcon; title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center px-6 py-14 text-center">
      <div className="mb-4 flex size-12 items-center justify-center rounded-full bg-brand-50 text-brand-700">
        <Icon aria-hidden className="size-6" />
      </div>
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      {children ? <div className="mt-1 max-w-sm text-sm text-slate-600">{children}</div> : null}
      {action ? <div className="mt-5">{action}</div> : null}
    </div>
  );
}

export function Alert({ tone = "red", children, title }: { tone?: "red" | "amber" | "brand"; title?: string; children: ReactNode }) {
  const styles = {
    red: "border-red-200 bg-red-50 text-red-800",
    amber: "border-amber-200 bg-amber-50 text-amber-900",
    brand: "border-brand-100 bg-brand-50 text-brand-800",
  }[tone];
  return (
    <div role={tone === "red" ? "alert" : "status"} className={`rounded-md border px-3.5 py-3 text-sm ${styles}`}>
      {title ? <p className="font-medium">{title}</p> : null}
      <div className={title ? "mt-0.5" : ""}>{children}</div>
    </div>
  );
}
