import { generate } from "selfsigned";
import type { DbOrTx } from "@/db/client";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { getSetting, insertSettingIfAbsent } from "@/server/services/settings/store";
import type { SpIdentity } from "@/server/saml/authn-request";

interface StoredSpKey {
  certificate: string;
  /** AES-256-GCM under ENCRYPTION_KEY (server/crypto/secrets.ts). */
  encryptedPrivateKey: string;
}

const PURPOSE = "saml-sp-private-key";
// Per database handle: tests open several databases in one process.
let cache = new WeakMap<object, { certificate: string; privateKey: string }>();

async function freshKey(): Promise<StoredSpKey> {
  const pems = await generate([{ name: "commonName", value: new URL(env().publicUrl).hostname }], {
    keySize: 2048,
    algorithm: "sha256",
    notAfterDate: new Date(Date.now() + 10 * 365 * 86400_000),
  });
  return { certificate: pems.cert, encryptedPrivateKey: encryptSecret(pems.private, PURPOSE) };
}

/**
 * The installation's SP key pair: made once (on first start), stored encrypted, shared by every
 * instance on the database. Several instances starting together agree on the first one stored.
 */
export async function getSpKeyPair(db: DbOrTx): Promise<{ certificate: string; privateKey: string }> {
  const cached = cache.get(db);
  if (cached) return cached;
  const stored = (await getSetting<StoredSpKey>(db, "saml_sp_key")) ?? (await insertSettingIfAbsent(db, "saml_sp_key", await freshKey()));
  const pair = { certificate: stored.certificate, privateKey: decryptSecret(stored.encryptedPrivateKey, PURPOSE) };
  cache.set(db, pair);
  return pair;
}

export function resetSpKeyCacheForTests(): void {
  cache = new WeakMap();
}

/** A connection imported with its former SP identity keeps it (see `connections.acsUrlOverride`). */
export interface SpOverrides {
  spEntityIdOverride?: string | null;
  acsUrlOverride?: string | null;
}

export function spEndpoints(connectionId: string, overrides: SpOverrides = {}) {
  const base = `${env().publicUrl}/sso/saml/${connectionId}`;
  return {
    entityId: overrides.spEntityIdOverride ?? `${base}/metadata`,
    acsUrl: overrides.acsUrlOverride ?? `${base}/acs`,
    metadataUrl: `${base}/metadata`,
  };
}

export async function spIdentity(db: DbOrTx, connection: { id: string } & SpOverrides): Promise<SpIdentity> {
  const key = await getSpKeyPair(db);
  const endpoints = spEndpoints(connection.id, connection);
  return { entityId: endpoints.entityId, acsUrl: endpoints.acsUrl, ...key };
}
