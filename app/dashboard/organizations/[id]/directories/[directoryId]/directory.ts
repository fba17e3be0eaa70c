import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { dashboardCaller } from "@/server/trpc/caller";

/** A procedure's answer for a dashboard page; an unknown id renders the not-found page. */
export async function orNotFound<T>(load: (caller: Awaited<ReturnType<typeof dashboardCaller>>) => Promise<T>): Promise<T> {
  try {
    return await load(await dashboardCaller());
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** Dates become strings on the way to client components, as over the API. */
export function asWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
