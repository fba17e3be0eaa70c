import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { currentPortalSession } from "@/server/portal/current-session";
import { markIntentStarted } from "@/server/services/portal";
import { getBranding } from "@/server/services/settings/branding";
import { portalCaller } from "@/server/trpc/caller";

/**
 * Who may see the Directory Sync screens, read once per request (the layout and the page share it):
 * a live portal session whose link includes `dsync`. Opening the screens marks the feature started.
 */
export const dsyncGate = cache(async () => {
  const resolved = await currentPortalSession();
  if (!resolved.ok) return { kind: "problem" as const, reason: resolved.reason };
  const db = await getDb();
  const branding = await getBranding(db);
  const { session } = resolved;
  if (!session.intents.includes("dsync")) return { kind: "no_intent" as const, session, branding };
  await markIntentStarted(db, session.organizationId, "dsync");
  return { kind: "ok" as const, session, branding, caller: (await portalCaller(session)).portal.directorySync };
});

/** The caller for a page, or the not-found page when the layout is showing why there is none. */
export async function dsyncCaller() {
  const gate = await dsyncGate();
  if (gate.kind !== "ok") notFound();
  return { caller: gate.caller, productName: gate.branding.productName, session: gate.session };
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
