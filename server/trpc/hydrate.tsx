import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { getQueryClient } from "./server";

/**
 * Hands the queries this render loaded to the client components below, which read them with `useSuspenseQuery`.
 * Its own module: a page that only renders what it loaded does not load the query cache's JavaScript.
 */
export function Hydrate({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
