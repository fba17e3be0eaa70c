"use client";

import { useSuspenseQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc-provider";
import { DirectoryList } from "../directory-list";

/*
 * The directory screens whose page loaded their query on the server (`Hydrate`) read it back from the query
 * cache, in the shape the API sends, and keep it current like any other query. One file per screen: a page
 * loads only the JavaScript of its own.
 */

export function PortalDirectoryList() {
  const trpc = useTRPC();
  const { data } = useSuspenseQuery(trpc.portal.directorySync.list.queryOptions());
  return <DirectoryList items={data} hrefOf={(id) => `/portal/dsync/${id}`} />;
}
