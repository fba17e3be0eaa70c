"use client";

import { useQuery } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import Link from "next/link";
import { useTRPC, type RouterOutputs } from "@/components/providers/trpc-provider";
import { DomainsPanel } from "@/components/domains/domains-panel";
import type { FeatureOption } from "@/components/portal/features";
import { InviteAdmin } from "@/components/setup-links/invite-admin";
import { buttonClass } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Time } from "@/components/ui/time";
import { DeleteOrganization } from "./delete-organization";
import { DetailRow } from "@/components/ui/detail-row";

type Organization = RouterOutputs["organizations"]["get"];

export function OrganizationDetails({ initial, canEdit, features }: { initial: Organization; canEdit: boolean; features: FeatureOption[] }) {
  const trpc = useTRPC();
  const { data: organization } = useQuery({ ...trpc.organizations.get.queryOptions({ id: initial.id }), initialData: initial });
  const metadata = Object.entries(organization.metadata);

  return (
    <div className="space-y-6">
      <header className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="truncate text-2xl font-semibold tracking-tight text-slate-900">{organization.name}</h1>
          <p className="mt-1 text-sm text-slate-600">
            {organization.domains.length} {organization.domains.length === 1 ? "domain" : "domains"} · created <Time value={organization.created_at} />
          </p>
        </div>
        {canEdit ? (
          <div className="flex flex-wrap gap-2">
            <InviteAdmin organizationId={organization.id} organizationName={organization.name} features={features} canEdit />
            <Link href={`/dashboard/organizations/${organization.id}/edit`} className={buttonClass("secondary")}>
              <Pencil aria-hidden className="size-4" /> Edit
            </Link>
            <DeleteOrganization id={organization.id} name={organization.name} />
          </div>
        ) : (
          <div className="flex flex-col items-start gap-2 sm:items-end">
            <InviteAdmin organizationId={organization.id} organizationName={organization.name} features={features} canEdit={false} />
            <p className="text-sm text-slate-600">Read-only: viewers cannot change organizations.</p>
          </div>
        )}
      </header>

      <Card>
        <CardHeader title="Overview" />
        <dl className="divide-y divide-slate-200">
          <DetailRow term="Organization ID">
            <span className="flex flex-wrap items-center gap-2">
              <code className="font-mono text-sm break-all">{organization.id}</code>
              <CopyButton value={organization.id} label="Copy organization ID" />
            </span>
          </DetailRow>
          <DetailRow term="External ID">
            {organization.external_id ? <code className="font-mono">{organization.external_id}</code> : <span className="text-slate-500">Not set</span>}
          </DetailRow>
          <DetailRow term="Created">
            <Time value={organization.created_at} withTime />
          </DetailRow>
          <DetailRow term="Last updated">
            <Time value={organization.updated_at} withTime />
          </DetailRow>
        </dl>
      </Card>

      <DomainsPanel organizationId={organization.id} canEdit={canEdit} />

      <div>
        <Card>
          <CardHeader title="Metadata" description="Key/value pairs your app stores on the organization." />
          {metadata.length === 0 ? (
            <p className="px-5 py-6 text-sm text-slate-600">No metadata.</p>
          ) : (
            <dl className="divide-y divide-slate-200">
              {metadata.map(([key, value]) => (
                <div key={key} className="grid grid-cols-5 gap-3 px-5 py-3 text-sm">
                  <dt className="col-span-2 truncate font-mono text-slate-600">{key}</dt>
                  <dd className="col-span-3 break-words text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </Card>
      </div>
    </div>
  );
}
