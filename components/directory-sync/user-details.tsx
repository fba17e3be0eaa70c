import { Badge } from "@/components/ui/badge";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Time } from "@/components/ui/time";
import type { DirectoryUser } from "./types";
import { displayName } from "./names";
import { DetailRow } from "@/components/ui/detail-row";

const show = (value: unknown) =>
  value === null || value === undefined ? <span className="text-slate-500">empty</span> : typeof value === "string" ? value : JSON.stringify(value);

/** A synced user: who they are, their groups, the custom attributes the map gives, and the raw SCIM resource. */
export function UserDetails({ user }: { user: DirectoryUser }) {
  const custom = Object.entries(user.custom_attributes);
  return (
    <div className="space-y-6">
      <header>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
          {displayName(user)}
          <Badge tone={user.state === "active" ? "green" : "slate"}>{user.state === "active" ? "Active" : "Inactive"}</Badge>
        </h1>
        <p className="mt-1 text-sm text-slate-600">{user.email ?? String(user.raw_attributes.userName ?? "")}</p>
      </header>
      <Card>
        <CardHeader title="Details" />
        <dl className="divide-y divide-slate-200">
          <DetailRow term="User ID">
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-sm break-all">{user.id}</code>
              <CopyButton value={user.id} label="Copy user ID" />
            </span>
          </DetailRow>
          <DetailRow term="Username">{show(user.raw_attributes.userName)}</DetailRow>
          <DetailRow term="Identity provider ID">
            <code className="font-mono text-sm break-all">{user.idp_id}</code>
          </DetailRow>
          <DetailRow term="Groups">
            {user.groups.length ? (
              <span className="flex flex-wrap gap-1">
                {user.groups.map((g) => (
                  <Badge key={g.id}>{g.name}</Badge>
                ))}
              </span>
            ) : (
              <span className="text-slate-500">No synced groups</span>
            )}
          </DetailRow>
          <DetailRow term="Created">
            <Time value={user.created_at} withTime />
          </DetailRow>
          <DetailRow term="Last updated">
            <Time value={user.updated_at} withTime />
          </DetailRow>
        </dl>
      </Card>
      <Card>
        <CardHeader title="Custom attributes" description="Filled from the SCIM attributes by the directory's attribute map." />
        {custom.length === 0 ? (
          <p className="px-5 py-6 text-sm text-slate-600">The attribute map is empty.</p>
        ) : (
          <dl className="divide-y divide-slate-200">
            {custom.map(([name, value]) => (
              <div key={name} className="grid grid-cols-5 gap-3 px-5 py-2.5 text-sm">
                <dt className="col-span-2 truncate font-mono text-slate-600">{name}</dt>
                <dd className="col-span-3 break-words text-slate-900">{show(value)}</dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <Card>
        <CardHeader title="Raw SCIM attributes" description="The user as your identity provider last sent it (passwords are never kept)." />
        <pre className="max-h-[32rem] overflow-auto px-5 py-4 font-mono text-xs text-slate-800" tabIndex={0} aria-label="Raw SCIM attributes">
          {JSON.stringify(user.raw_attributes, null, 2)}
        </pre>
      </Card>
    </div>
  );
}
