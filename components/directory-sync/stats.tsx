import type { ReactNode } from "react";
import { Time } from "@/components/ui/time";

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div className="px-5 py-4">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{children}</dd>
      {hint ? <dd className="mt-0.5 text-xs text-slate-600">{hint}</dd> : null}
    </div>
  );
}

/** Users and groups that sync, and when the identity provider last sent something. */
export function DirectoryStats({
  userCount,
  groupCount,
  syncedGroupCount,
  lastSyncAt,
}: {
  userCount: number;
  groupCount: number;
  syncedGroupCount: number;
  lastSyncAt: string | null;
}) {
  return (
    <dl className="grid divide-y divide-slate-200 sm:grid-cols-3 sm:divide-x sm:divide-y-0">
      <Stat label="Users">{userCount}</Stat>
      <Stat label="Groups" hint={syncedGroupCount === groupCount ? "All groups sync" : `${syncedGroupCount} of ${groupCount} sync`}>
        {syncedGroupCount}
      </Stat>
      <Stat label="Last sync">
        <span className="text-base font-medium">
          <Time value={lastSyncAt} withTime fallback="Never" />
        </span>
      </Stat>
    </dl>
  );
}
