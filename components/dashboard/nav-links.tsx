"use client";

import { Building2, Import, Inbox, KeyRound, LogIn, Palette, Route, ScrollText, Users, Webhook } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

const links = [
  { href: "/dashboard", label: "Organizations", icon: Building2, matches: (p: string) => p === "/dashboard" || p.startsWith("/dashboard/organizations") },
  { href: "/dashboard/api-keys", label: "API keys", icon: KeyRound, matches: (p: string) => p.startsWith("/dashboard/api-keys") },
  { href: "/dashboard/webhooks", label: "Webhooks", icon: Webhook, matches: (p: string) => p.startsWith("/dashboard/webhooks") },
  { href: "/dashboard/events", label: "Events", icon: ScrollText, matches: (p: string) => p.startsWith("/dashboard/events") },
  { href: "/dashboard/redirects", label: "Redirects", icon: Route, matches: (p: string) => p.startsWith("/dashboard/redirects") },
  { href: "/dashboard/sign-in-providers", label: "Sign-in providers", icon: LogIn, matches: (p: string) => p.startsWith("/dashboard/sign-in-providers") },
  { href: "/dashboard/branding", label: "Branding", icon: Palette, matches: (p: string) => p.startsWith("/dashboard/branding") },
  { href: "/dashboard/staff", label: "Staff", icon: Users, matches: (p: string) => p.startsWith("/dashboard/staff") },
  { href: "/dashboard/import-polis", label: "Import", icon: Import, matches: (p: string) => p.startsWith("/dashboard/import-polis") },
  { href: "/dashboard/outbox", label: "Outbox", icon: Inbox, matches: (p: string) => p.startsWith("/dashboard/outbox") },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col">
      {links.map(({ href, label, icon: Icon, matches }) => {
        const active = matches(pathname);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-2.5 rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-brand-600 ${
                active ? "bg-brand-50 text-brand-800" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              <Icon aria-hidden className={`size-4 ${active ? "text-brand-700" : "text-slate-500"}`} />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
