import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { env } from "@/server/env";
import { newId } from "@/server/ids";
import { getOrCreateSetting } from "./store";

/** The installation's client id (`client_...`), shown beside the API keys and used as `client_id`. */
export function getClientId(db: DbOrTx): Promise<string> {
  return getOrCreateSetting(db, "client_id", () => newId("client"));
}

/**
 * The session-signing secret. The environment's wins; otherwise one is generated once and kept in
 * the database, so every instance on one database signs alike and restarts keep sessions.
 */
export async function getAuthSecret(db: DbOrTx): Promise<string> {
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) return fromEnv;
  return getOrCreateSetting(db, "auth_secret", () => randomBytes(32).toString("base64url"));
}
