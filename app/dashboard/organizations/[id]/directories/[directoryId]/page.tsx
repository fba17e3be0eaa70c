import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import { StaffDirectoryOverview } from "@/components/directory-sync/hydrated/staff-directory";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export const metadata: Metadata = { title: "Directory" };

export default async function StaffDirectoryPage({ params }: { params: Promise<{ id: string; directoryId: string }> }) {
  const { id, directoryId } = await params;
  const overview = await loadOrNotFound(dashboardTrpc.directories.overview.queryOptions({ directoryId }));
  // The URL names the organization too: a directory of another one is not found here.
  if (overview.directory.organization_id !== id) notFound();
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}`}>Organization</BackLink>
      <Hydrate>
        <StaffDirectoryOverview directoryId={directoryId} usersHref={`/dashboard/organizations/${id}/directories/${directoryId}/users`} />
      </Hydrate>
    </>
  );
}
