import type { DbOrTx } from "@/db/client";
import type { PortalIntent } from "@/db/schema";
import { getRedirectSettings } from "@/server/services/settings/redirects";
import type { PortalSession } from "./sessions";

type IntentAccess = { ok: true; successUrl: string | null } | { ok: false; reason: "no_intent" };

/**
 * Where "Finish" sends the IT admin once `intent` is set up: the success URL the API link was made with,
 * else the Redirects setting for that feature, else nowhere (the portal shows its own done state).
 */
async function successUrlFor(db: DbOrTx, session: PortalSession, intent: PortalIntent): Promise<string | null> {
  if (session.successUrl) return session.successUrl;
  const redirects = await getRedirectSettings(db);
  return redirects.successUrls[intent] ?? null;
}

/**
 * The one check in front of every feature's portal screens and procedures: the session's link must include
 * the feature (typing another feature's URL is refused). Opening the screens is no progress by itself: a
 * feature is marked started by its first real step (a domain added, a connection or directory created).
 */
export async function openPortalIntent(db: DbOrTx, session: PortalSession, intent: PortalIntent): Promise<IntentAccess> {
  if (!session.intents.includes(intent)) return { ok: false, reason: "no_intent" };
  return { ok: true, successUrl: await successUrlFor(db, session, intent) };
}
