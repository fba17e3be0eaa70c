import { Building2, Import, Inbox, KeyRound, LogIn, Palette, Route, ScrollText, Users, Webhook } from "lucide-react";
import { NavLink } from "./nav-link";

// Organizations is the dashboard's home: `/dashboard` itself, and the screens under `/dashboard/organizations`.
const links = [
  { href: "/dashboard", section: "/dashboard/organizations", label: "Organizations", icon: Building2 },
  { href: "/dashboard/api-keys", label: "API keys", icon: KeyRound },
  { href: "/dashboard/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/dashboard/events", label: "Events", icon: ScrollText },
  { href: "/dashboard/redirects", label: "Redirects", icon: Route },
  { href: "/dashboard/sign-in-providers", label: "Sign-in providers", icon: LogIn },
  { href: "/dashboard/branding", label: "Branding", icon: Palette },
  { href: "/dashboard/staff", label: "Staff", icon: Users },
  { href: "/dashboard/import-polis", label: "Import", icon: Import },
  { href: "/dashboard/outbox", label: "Outbox", icon: Inbox },
];

/** The dashboard's sections. The icons are drawn on the server; only the current-page mark runs in the browser. */
export function NavLinks() {
  return (
    <ul className="flex gap-1 overflow-x-auto md:flex-col">
      {links.map(({ href, section, label, icon: Icon }) => (
        <li key={href}>
          <NavLink href={href} section={section}>
            <Icon aria-hidden className="size-4 text-slate-500 group-aria-[current=page]:text-brand-700" />
            {label}
          </NavLink>
        </li>
      ))}
    </ul>
  );
}
