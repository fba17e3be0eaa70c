import { notFound } from "next/navigation";
import { BackTo } from "@/components/directory-sync/back-to";
import type { DirectoryUser } from "@/components/directory-sync/types";
import { UserDetails } from "@/components/directory-sync/user-details";
import { asWire, dsyncCaller, orNotFound } from "../../../gate";

export default async function DirectoryUserPage({ params }: { params: Promise<{ directoryId: string; userId: string }> }) {
  const { directoryId, userId } = await params;
  const { caller } = await dsyncCaller();
  const user = await orNotFound(caller.user({ userId }));
  if (user.directory_id !== directoryId) notFound();
  return (
    <>
      <BackTo href={`/portal/dsync/${directoryId}/users`}>Users</BackTo>
      <UserDetails user={asWire<DirectoryUser>(user)} />
    </>
  );
}
