import { Card, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { ActivityChart } from "./activity-chart";
import { DirectoryStateBadge, directoryStateHelp } from "./directory-state";
import { providerGuide } from "./providers";
import { RequestLog } from "./request-log";
import { DirectoryStats } from "./stats";
import type { DirectoryOverview } from "./types";
import { UsersTable } from "./users-table";

/**
 * Staff's read-only view of one directory. The IT admin changes it in the portal; staff see what
 * syncs, the activity, the request log and the users.
 */
export function StaffDirectory({ overview, usersHref }: { overview: DirectoryOverview; usersHref: string }) {
  const { directory } = overview;
  const mapped = Object.entries(overview.attributeMap);
  return (
    <div className="space-y-6">
      <header>
        <p className="text-sm font-medium text-slate-600">Directory · {providerGuide(directory.type).label}</p>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold tracking-tight text-slate-900">
          <span className="truncate">{directory.name}</span>
          <DirectoryStateBadge state={directory.state} />
        </h1>
        <p className="mt-1 text-sm text-slate-600">{directoryStateHelp(directory.state)}</p>
      </header>
      <Card>
        <DirectoryStats
          userCount={overview.userCount}
          groupCount={overview.groupCount}
          syncedGroupCount={overview.syncedGroupCount}
          lastSyncAt={overview.lastSyncAt}
        />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Provisioning activity" description="Last 7 days" />
          <div className="px-5 py-4">
            <ActivityChart activity={overview.activity} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Configuration" />
          <dl className="divide-y divide-slate-200 text-sm">
            <div className="px-5 py-3">
              <dt className="mb-1 font-medium text-slate-600">SCIM base URL</dt>
              <dd>
                <CopyField id="staff-scim-base-url" label="SCIM base URL" value={overview.scimBaseUrl} />
              </dd>
            </div>
            <div className="px-5 py-3">
              <dt className="font-medium text-slate-600">Groups sync</dt>
              <dd className="mt-1 text-slate-900">
                {overview.groupFilter === null ? "All groups" : `${overview.syncedGroupCount} of ${overview.groupCount} groups`}
              </dd>
            </div>
            <div className="px-5 py-3">
              <dt className="font-medium text-slate-600">Custom attributes</dt>
              <dd className="mt-1 text-slate-900">
                {mapped.length === 0 ? (
                  "None"
                ) : (
                  <ul className="space-y-1">
                    {mapped.map(([name, path]) => (
                      <li key={name} className="break-all">
                        <code className="font-mono text-xs">{name}</code> <span className="text-slate-500">←</span>{" "}
                        <code className="font-mono text-xs text-slate-600">{path}</code>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
      <Card>
        <CardHeader title="Users" description="Users of the synced groups, as the API returns them." />
        <UsersTable directoryId={directory.id} surface="staff" hrefBase={usersHref} />
      </Card>
      <Card>
        <CardHeader title="Recent requests" description="The latest SCIM requests from the identity provider (bodies redacted)." />
        <RequestLog requests={overview.recentRequests} />
      </Card>
    </div>
  );
}
