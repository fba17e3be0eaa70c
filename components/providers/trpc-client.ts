import { createTRPCClient, httpBatchLink, type TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/routers/_app";

/** A client of the app's procedures over `/api/trpc`, for the query cache or for one call on its own. */
export function createPorticoTRPCClient(): TRPCClient<AppRouter> {
  return createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc" })] });
}
