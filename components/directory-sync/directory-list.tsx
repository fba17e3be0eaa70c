import { ArrowRight } from "lucide-react";
import Link from "next/link";
import { Time } from "@/components/ui/time";
import { DirectoryStateBadge } from "./directory-state";
import { providerGuide } from "./providers";
import type { DirectorySummary } from "./types";

/** An organization's directories, each a link to its page, with its state and what syncs. */
export function DirectoryList({ items, hrefOf }: { items: DirectorySummary[]; hrefOf: (id: string) => string }) {
  return (
    <ul className="divide-y divide-slate-200">
      {items.map((item) => (
        <li key={item.directory.id}>
          <Link
            href={hrefOf(item.directory.id)}
            className="flex flex-col gap-2 px-5 py-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600 sm:flex-row sm:items-center"
          >
            <span className="min-w-0 flex-1">
              <span className="flex flex-wrap items-center gap-2">
                <span className="truncate text-sm font-medium text-slate-900">{item.directory.name}</span>
                <DirectoryStateBadge state={item.directory.state} />
              </span>
              <span className="mt-0.5 block text-sm text-slate-600">
                {providerGuide(item.directory.type).label} · {item.userCount} {item.userCount === 1 ? "user" : "users"} · {item.syncedGroupCount}{" "}
                {item.syncedGroupCount === 1 ? "group" : "groups"} · last sync <Time value={item.lastSyncAt} withTime fallback="never" />
              </span>
            </span>
            <ArrowRight aria-hidden className="hidden size-4 text-slate-500 sm:block" />
          </Link>
        </li>
      ))}
    </ul>
  );
}
