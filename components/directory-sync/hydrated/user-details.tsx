"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { UserDetails } from "../user-details";

/** A directory user, hydrated from the page's query (see ./directory-list.tsx). */
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
