import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/dashboard/back-link";
import type { DirectoryUser } from "@/components/directory-sync/types";
import { UserDetails } from "@/components/directory-sync/user-details";
import { asWire, orNotFound } from "../../directory";

export const metadata: Metadata = { title: "Directory user" };

export default async function StaffDirectoryUserPage({ params }: { params: Promise<{ id: string; directoryId: string; userId: string }> }) {
  const { id, directoryId, userId } = await params;
  const user = await orNotFound((caller) => caller.directories.user({ userId }));
  if (user.directory_id !== directoryId || user.organization_id !== id) notFound();
  return (
    <>
      <BackLink href={`/dashboard/organizations/${id}/directories/${directoryId}`}>Directory</BackLink>
      <UserDetails user={asWire<DirectoryUser>(user)} />
    </>
  );
}
