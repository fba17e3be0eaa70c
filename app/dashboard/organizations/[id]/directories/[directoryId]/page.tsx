import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import { StaffDirectory } from "@/components/directory-sync/staff-directory";
import type { DirectoryOverview } from "@/components/directory-sync/types";
import { asWire, orNotFound } from "./directory";

export const metadata: Metadata = { title: "Directory" };

export default async function StaffDirectoryPage({ params }: { params: Promise<{ id: string; directoryId: string }> }) {
  const { id, directoryId } = await params;
  const overview = await orNotFound((caller) => caller.directories.overview({ directoryId }));
  // The URL names the organization too: a directory of another one is not found here.
  if (overview.directory.organization_id !== id) notFound();
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}`}>Organization</BackLink>
      <StaffDirectory overview={asWire<DirectoryOverview>(overview)} usersHref={`/dashboard/organizations/${id}/directories/${directoryId}/users`} />
    </>
  );
}
