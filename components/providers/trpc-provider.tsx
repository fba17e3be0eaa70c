"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/routers/_app";
import "./zod-without-eval";

export const { TRPCProvider: TRPCContextProvider, useTRPC } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx (not found, forbidden, bad input) will not change on retry.
        retry: (failures, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus ?? 500;
          return status >= 500 && failures < 2;
        },
      },
    },
  });
}

/** One QueryClient and one tRPC client per browser tab, created lazily so a render never shares them. */
export function TRPCProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc" })] }));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCContextProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCContextProvider>
    </QueryClientProvider>
  );
}

/** What each procedure returns once it has crossed the wire (dates arrive as strings). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
