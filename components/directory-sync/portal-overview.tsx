"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { ArrowRight, FolderTree, ListTree, Tags, Users } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/feedback";
import { ActivityChart } from "./activity-chart";
import { DirectoryStateBadge, directoryStateHelp } from "./directory-state";
import { providerGuide } from "./providers";
import { RequestLog } from "./request-log";
import { SetupGuide } from "./setup-guide";
import { DirectoryStats } from "./stats";
import { TokenAction } from "./token-actions";

function SettingLink({ href, icon: Icon, title, summary }: { href: string; icon: typeof Users; title: string; summary: ReactNode }) {
  return (
    <li>
      <Link
        href={href}
        className="flex items-center gap-3 px-5 py-4 hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600"
      >
        <Icon aria-hidden className="size-5 shrink-0 text-slate-500" />
        <span className="min-w-0 flex-1">
          <span className="block text-sm font-medium text-slate-900">{title}</span>
          <span className="block text-sm text-slate-600">{summary}</span>
        </span>
        <ArrowRight aria-hidden className="size-4 text-slate-500" />
      </Link>
    </li>
  );
}

/**
 * The directory page in the portal. It polls while the IT admin is at it, so the state turns to
 * "Linked" and the counts move as the identity provider syncs.
 */
export function PortalDirectoryOverview({ directoryId, productName }: { directoryId: string; productName: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery({ ...trpc.portal.directorySync.overview.queryOptions({ directoryId }), refetchInterval: 10_000 });
  const { directory } = data;
  const guide = providerGuide(directory.type);
  const base = `/portal/dsync/${directoryId}`;
  const mapped = Object.keys(data.attributeMap).length;
  const baseUrl = data.scimBaseUrl;

  return (
    <div className="space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-600">Directory Sync{directory.name === guide.label ? "" : ` · ${guide.label}`}</p>
          <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
            <span className="truncate">{directory.name}</span>
            <DirectoryStateBadge state={directory.state} />
          </h1>
          <p className="mt-1 text-sm text-slate-600">{directoryStateHelp(directory.state)}</p>
        </div>
        <TokenAction kind="rotate" directoryId={directoryId} type={directory.type} productName={productName} />
      </header>

      {directory.state === "invalid_credentials" ? (
        <Alert title={`${data.failedAuthCount} requests with a wrong token`}>{directoryStateHelp("invalid_credentials")}</Alert>
      ) : null}

      <Card>
        <DirectoryStats userCount={data.userCount} groupCount={data.groupCount} syncedGroupCount={data.syncedGroupCount} lastSyncAt={data.lastSyncAt} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Provisioning activity" description="Last 7 days" />
          <div className="px-5 py-4">
            <ActivityChart activity={data.activity} />
          </div>
        </Card>
        <Card>
          <CardHeader title="Settings" />
          <ul className="divide-y divide-slate-200">
            <SettingLink
              href={`${base}/users`}
              icon={Users}
              title="Users"
              summary={`${data.userCount} ${data.userCount === 1 ? "user syncs" : "users sync"}`}
            />
            <SettingLink
              href={`${base}/groups`}
              icon={FolderTree}
              title="Groups"
              summary={`${data.groupCount} ${data.groupCount === 1 ? "group" : "groups"}, with their members`}
            />
            <SettingLink
              href={`${base}/groups/sync`}
              icon={ListTree}
              title="Edit groups sync"
              summary={data.groupFilter === null ? "All groups sync" : `${data.syncedGroupCount} of ${data.groupCount} groups sync`}
            />
            <SettingLink
              href={`${base}/attributes`}
              icon={Tags}
              title="Edit attribute map"
              summary={`${mapped} custom ${mapped === 1 ? "attribute" : "attributes"}`}
            />
          </ul>
        </Card>
      </div>

      <Card>
        <CardHeader title="Connection" description={`What ${guide.label} needs to reach this directory.`} />
        <div className="space-y-4 px-5 py-4">
          <div>
            <label htmlFor="overview-base-url" className="mb-1 block text-xs font-medium text-slate-700">
              SCIM base URL
            </label>
            <CopyField id="overview-base-url" label="SCIM base URL" value={baseUrl} />
          </div>
          <details className="group">
            <summary className="cursor-pointer text-sm font-medium text-slate-800 hover:text-slate-950">Setup steps for {guide.label}</summary>
            <div className="mt-4">
              <SetupGuide
                type={directory.type}
                productName={productName}
                baseUrl={baseUrl}
                token={null}
                tokenAction={<TokenAction kind="rotate" size="sm" directoryId={directoryId} type={directory.type} productName={productName} />}
              />
            </div>
          </details>
        </div>
      </Card>

      <Card>
        <CardHeader title="Recent requests" description="The latest requests from your identity provider. Passwords and tokens are never kept." />
        <RequestLog requests={data.recentRequests} />
      </Card>

      <Card className="border-red-200">
        <div className="flex flex-col gap-3 px-5 py-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <h2 className="text-base font-semibold text-slate-900">Reset directory</h2>
            <p className="mt-0.5 text-sm text-slate-600">Deletes every synced user and group and issues a new token, to start over with a new setup.</p>
          </div>
          <TokenAction kind="reset" directoryId={directoryId} type={directory.type} productName={productName} />
        </div>
      </Card>
    </div>
  );
}
