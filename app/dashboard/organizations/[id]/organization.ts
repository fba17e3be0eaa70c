import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { dashboardCaller } from "@/server/trpc/caller";

/** An organization for a dashboard page; an unknown id renders the segment's not-found page. */
export async function organizationOrNotFound(id: string) {
  const caller = await dashboardCaller();
  try {
    return await caller.organizations.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}
