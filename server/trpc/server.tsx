import "server-only";
import { type FetchQueryOptions, QueryClient, type QueryKey } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { requireStaff } from "@/server/auth/require-staff";
import { portalGate } from "@/server/portal/gate";
import type { TRPCContext } from "./init";
import { appRouter } from "./routers/_app";

/**
 * One QueryClient per server render. What it holds reaches the browser as JSON, as an answer over
 * `/api/trpc` would (dates become strings), so client components read the same shape either way.
 */
export const getQueryClient = cache(
  () =>
    new QueryClient({
      defaultOptions: {
        queries: { staleTime: 15_000 },
        dehydrate: { serializeData: (data: unknown) => (data === undefined ? data : JSON.parse(JSON.stringify(data))) },
      },
    }),
);

const dashboardContext = cache(async (): Promise<TRPCContext> => ({ db: await getDb(), staff: await requireStaff(), portal: null }));

const portalContext = cache(async (): Promise<TRPCContext> => {
  const gate = await portalGate(null);
  if (gate.kind !== "ok") notFound();
  return { db: await getDb(), staff: null, portal: gate.session };
});

/** The procedures for dashboard pages, with the signed-in member's rights (no session: the sign-in page). */
export const dashboardTrpc = createTRPCOptionsProxy({ ctx: dashboardContext, router: appRouter, queryClient: getQueryClient });

/** The procedures for portal pages, with the IT admin's own session; the intent checks are the procedures' own. */
export const portalTrpc = createTRPCOptionsProxy({ ctx: portalContext, router: appRouter, queryClient: getQueryClient });

/**
 * A procedure's answer for a page, kept in the render's QueryClient for `Hydrate` (./hydrate.tsx); an unknown id, or one of
 * another organization, renders the not-found page.
 */
export async function loadOrNotFound<TQueryFnData, TError, TData, TKey extends QueryKey>(
  options: FetchQueryOptions<TQueryFnData, TError, TData, TKey>,
): Promise<TData> {
  try {
    return await getQueryClient().fetchQuery(options);
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
