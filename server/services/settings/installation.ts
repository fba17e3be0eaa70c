import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { installationSettings } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { newId } from "@/server/ids";
import { getOrCreateSetting } from "./store";

/** The installation's client id (`client_...`), shown beside the API keys and used as `client_id`. */
export function getClientId(db: DbOrTx): Promise<string> {
  return getOrCreateSetting(db, "client_id", () => newId("client"));
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
