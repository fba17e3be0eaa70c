import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { openedPortalIntent } from "@/server/portal/gate";
import { portalCaller } from "@/server/trpc/caller";

/** The Directory Sync procedures for a page, with the IT admin's own session, behind the portal gate. */
export async function dsyncCaller() {
  const { session, branding } = await openedPortalIntent("dsync");
  return { caller: (await portalCaller(session)).portal.directorySync, productName: branding.productName, session };
}

/** A procedure's answer, or the not-found page for another organization's (or an unknown) id. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/**
 * Server components call procedures directly and get Dates; client components hold what the API
 * sends over the wire (JSON), so initial data takes the same trip.
 */
export function asWire<T>(value: unknown): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
