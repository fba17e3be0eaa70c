"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { DirectoryList } from "./directory-list";
import { StaffDirectory } from "./staff-directory";
import { UserDetails } from "./user-details";

/*
 * The directory screens whose page loaded their query on the server (`Hydrate`): each reads it back from the
 * query cache, in the shape the API sends, and keeps it current like any other query.
 */

export function PortalDirectoryList() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.portal.directorySync.list.queryOptions());
  return <DirectoryList items={data} hrefOf={(id) => `/portal/dsync/${id}`} />;
}

export function PortalUserDetails({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.portal.directorySync.user.queryOptions({ userId }));
  return <UserDetails user={data} />;
}

export function StaffUserDetails({ userId }: { userId: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.directories.user.queryOptions({ userId }));
  return <UserDetails user={data} />;
}

export function StaffDirectoryOverview({ directoryId, usersHref }: { directoryId: string; usersHref: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.directories.overview.queryOptions({ directoryId }));
  return <StaffDirectory overview={data} usersHref={usersHref} />;
}
