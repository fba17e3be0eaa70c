import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { PortalIntent } from "@/db/schema";
import { openPortalIntent, type LinkFailure, type PortalSession } from "@/server/services/portal";
import { getBranding, type Branding } from "@/server/services/settings/branding";
import { currentPortalSession } from "./current-session";

type PortalGate =
  | { kind: "problem"; reason: LinkFailure | "missing" }
  | { kind: "no_intent"; session: PortalSession; branding: Branding }
  | { kind: "ok"; session: PortalSession; branding: Branding; successUrl: string | null };

/** The session and branding, read once per request whichever intents its layout, page and tRPC context ask about. */
const sessionAndBranding = cache(async (): Promise<PortalGate> => {
  const resolved = await currentPortalSession();
  if (!resolved.ok) return { kind: "problem", reason: resolved.reason };
  return { kind: "ok", session: resolved.session, branding: await getBranding(await getDb()), successUrl: null };
});

/**
 * The portal's single way in for server components, resolved once per request (a feature's layout and its
 * page share it): the session behind the cookie, the vendor's branding, and, for a feature's screens,
 * whether the link includes it and where "Finish" leads.
 */
export const portalGate = cache(async (intent: PortalIntent | null): Promise<PortalGate> => {
  const opened = await sessionAndBranding();
  if (opened.kind !== "ok") return opened;
  const { session, branding } = opened;
  if (!intent) return opened;
  const db = await getDb();
  const access = await openPortalIntent(db, session, intent);
  if (!access.ok) return { kind: "no_intent", session, branding };
  return { kind: "ok", session, branding, successUrl: access.successUrl };
});

/**
 * The gate of a feature's page. Its layout shows why when there is no way in; the page itself may still be
 * rendered beside it, so it answers "not found" then rather than rendering anything of the organization.
 */
export async function openedPortalIntent(intent: PortalIntent): Promise<Extract<PortalGate, { kind: "ok" }>> {
  const gate = await portalGate(intent);
  if (gate.kind !== "ok") notFound();
  return gate;
}
