"use client";

import { useQuery } from "@tanstack/react-query";
import { FolderSync } from "lucide-react";
import { useTRPC } from "@/components/providers/trpc-provider";
import { Card, CardHeader } from "@/components/ui/card";
import { Alert, EmptyState, Skeleton } from "@/components/ui/feedback";
import { DirectoryList } from "./directory-list";

/** The organization page's Directories section: each directory with its state, counts and last sync. */
export function DirectoriesSection({ organizationId }: { organizationId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.directories.list.queryOptions({ organizationId }));
  return (
    <Card>
      <CardHeader title="Directories" description="Users and groups this organization's identity provider syncs over SCIM." />
      {query.isError ? (
        <div className="p-5">
          <Alert title="Could not load directories">{query.error.message}</Alert>
        </div>
      ) : query.isPending ? (
        <div className="space-y-2 p-5">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-72" />
        </div>
      ) : query.data.length === 0 ? (
        <EmptyState icon={FolderSync} title="No directories">
          The organization&apos;s IT admin sets one up in the Admin Portal: send a setup link with Directory Sync.
        </EmptyState>
      ) : (
        <DirectoryList items={query.data} hrefOf={(id) => `/dashboard/organizations/${organizationId}/directories/${id}`} />
      )}
    </Card>
  );
}
