import { LogOut, ShieldCheck } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { signOutAction } from "@/app/dashboard/actions";
import { Badge } from "@/components/ui/badge";
import type { StaffRole } from "@/db/schema";
import { NavLinks } from "./nav-links";

const roleTone = { owner: "brand", admin: "green", viewer: "slate" } as const;

/** Sidebar on wide screens; a header with a scrolling nav row on phones. */
export function DashboardShell({ email, role, children }: { email: string; role: StaffRole; children: ReactNode }) {
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-white md:fixed md:inset-y-0 md:flex md:w-64 md:flex-col md:border-r md:border-b-0">
        <div className="flex items-center justify-between gap-3 px-4 py-3 md:px-5 md:py-5">
          <Link href="/dashboard" className="flex items-center gap-2 rounded-md text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600">
            <span className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white">
              <ShieldCheck aria-hidden className="size-4.5" />
            </span>
            <span className="text-lg font-semibold tracking-tight">Portico</span>
          </Link>
          <form action={signOutAction} className="md:hidden">
            <button
              type="submit"
              className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              <LogOut aria-hidden className="size-4" /> Sign out
            </button>
          </form>
        </div>
        <nav aria-label="Dashboard" className="px-3 pb-2 md:flex-1 md:pb-0">
          <NavLinks />
        </nav>
        <div className="hidden border-t border-slate-200 p-4 md:block">
          <p className="truncate text-sm font-medium text-slate-900" title={email}>
            {email}
          </p>
          <div className="mt-1.5 flex items-center justify-between">
            <Badge tone={roleTone[role]}>{role}</Badge>
            <form action={signOutAction}>
              <button
                type="submit"
                className="flex items-center gap-1.5 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <LogOut aria-hidden className="size-4" /> Sign out
              </button>
            </form>
          </div>
        </div>
      </aside>
      <div className="min-w-0 flex-1 md:pl-64">
        <p className="border-b border-slate-200 bg-white px-4 py-2 text-xs text-slate-600 md:hidden">
          Signed in as <span className="font-medium text-slate-800">{email}</span> · {role}
        </p>
        <main id="main" className="mx-auto w-full max-w-6xl px-4 py-6 sm:px-6 md:py-10 lg:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
