import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { installationSettings } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { newId } from "@/server/ids";
import { getOrCreateSetting } from "./store";

/** Client ids already read, per database handle: once made, an installation's client id never changes. */
const knownClientIds = new WeakMap<DbOrTx, string>();

/**
 * The installation's client id (`client_...`), shown beside the API keys and used as `client_id`. Every
 * sign-in asks for it twice (authorize, token), so it is read from the database once per handle.
 */
export async function getClientId(db: DbOrTx): Promise<string> {
  const known = knownClientIds.get(db);
  if (known) return known;
  const clientId = await getOrCreateSetting(db, "client_id", () => newId("client"));
  knownClientIds.set(db, clientId);
  return clientId;
}

export const AUTH_SECRET_PURPOSE = "staff-session-signing";

/**
 * The staff-session signing secret. The environment's wins; otherwise it is derived from
 * ENCRYPTION_KEY, so every instance signs alike, restarts keep sessions, and a database dump alone
 * cannot mint a session.
 */
export function getAuthSecret(): string {
  return env().AUTH_SECRET ?? deriveSecret(AUTH_SECRET_PURPOSE);
}

/**
 * Earlier versions kept a generated signing secret in plain text in `installation_settings`; anyone
 * with a backup could sign sessions with it. It is no longer used: delete it at start.
 */
export async function retireStoredAuthSecret(db: DbOrTx): Promise<void> {
  await db.delete(installationSettings).where(eq(installationSettings.key, "auth_secret"));
}
