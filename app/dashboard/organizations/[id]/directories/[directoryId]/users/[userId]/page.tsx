import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import { StaffUserDetails } from "@/components/directory-sync/hydrated/user-details";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";
import { Hydrate } from "@/server/trpc/hydrate";

export const metadata: Metadata = { title: "Directory user" };

export default async function StaffDirectoryUserPage({ params }: { params: Promise<{ id: string; directoryId: string; userId: string }> }) {
  const { id, directoryId, userId } = await params;
  const user = await loadOrNotFound(dashboardTrpc.directories.user.queryOptions({ userId }));
  if (user.directory_id !== directoryId || user.organization_id !== id) notFound();
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}/directories/${directoryId}`}>Directory</BackLink>
      <Hydrate>
        <StaffUserDetails userId={userId} />
      </Hydrate>
    </>
  );
}
