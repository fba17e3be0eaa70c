"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/routers/_app";
import { createPorticoTRPCClient } from "./trpc-client";
import "./zod-without-eval";

export const { TRPCProvider: TRPCContextProvider, useTRPC } = createTRPCContext<AppRouter>();

interface Clients {
  queryClient: QueryClient;
  trpcClient: TRPCClient<AppRouter>;
}

function makeClients(): Clients {
  const queryClient = new QueryClient({
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
  return { queryClient, trpcClient: createPorticoTRPCClient() };
}

// Screens provide tRPC where they use it, so a page that reads nothing through it loads none of it. In the
// browser they all share one cache, kept across navigations; a server render never shares its own.
let browserClients: Clients | undefined;
const clients = (): Clients => (typeof window === "undefined" ? makeClients() : (browserClients ??= makeClients()));

const Provided = createContext(false);

/** The tRPC client and its query cache for the screens below; inside another, it adds nothing. */
export function TRPCProvider({ children }: { children: ReactNode }) {
  const nested = useContext(Provided);
  const [provided] = useState(() => (nested ? null : clients()));
  if (!provided) return children;
  return (
    <Provided.Provider value={true}>
      <QueryClientProvider client={provided.queryClient}>
        <TRPCContextProvider trpcClient={provided.trpcClient} queryClient={provided.queryClient}>
          {children}
        </TRPCContextProvider>
      </QueryClientProvider>
    </Provided.Provider>
  );
}

/** What each procedure returns once it has crossed the wire (dates arrive as strings). */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
