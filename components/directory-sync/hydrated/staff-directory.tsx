"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { StaffDirectory } from "../staff-directory";

/** A directory's overview for staff, hydrated from the page's query (see ./directory-list.tsx). */
export function StaffDirectoryOverview({ directoryId, usersHref }: { directoryId: string; usersHref: string }) {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.directories.overview.queryOptions({ directoryId }));
  return <StaffDirectory overview={data} usersHref={usersHref} />;
}
