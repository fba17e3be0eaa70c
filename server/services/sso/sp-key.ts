import { X509Certificate } from "node:crypto";
import { eq } from "drizzle-orm";
import { generate } from "selfsigned";
import { installationSettings } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import type { ServiceContext } from "@/server/services/context";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { getSetting, insertSettingIfAbsent, putSetting } from "@/server/services/settings/store";
import type { SpIdentity } from "@/server/saml/authn-request";
import { findConnection } from "./load";

interface StoredPair {
  certificate: string;
  /** AES-256-GCM under ENCRYPTION_KEY (server/crypto/secrets.ts). */
  encryptedPrivateKey: string;
}

/**
 * The SP key pair in use, and around a rotation the one that follows it (published ahead, so IdPs that pin
 * the SP certificate can take it before it signs) or the one it replaced (published and able to decrypt
 * until it expires, for IdPs that still encrypt to it).
 */
interface StoredSpKey extends StoredPair {
  next?: StoredPair;
  previous?: StoredPair;
}

interface SpKeyRing {
  certificate: string;
  privateKey: string;
  /** Every certificate SP metadata publishes: the current one first. */
  published: string[];
  /** Keys that may still decrypt an assertion: the next and the previous. */
  otherPrivateKeys: string[];
}

const PURPOSE = "saml-sp-private-key";
const SETTING = "saml_sp_key";
const VALIDITY_MS = 10 * 365 * 86_400_000;
/** Cached decrypted keys stay this long, so a rotation made by another instance is seen within minutes. */
const CACHE_MS = 10 * 60_000;
// Per database handle: tests open several databases in one process.
let cache = new WeakMap<object, { ring: SpKeyRing; until: number }>();

async function freshPair(now = new Date()): Promise<StoredPair> {
  const pems = await generate([{ name: "commonName", value: new URL(env().publicUrl).hostname }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - 60_000),
    notAfterDate: new Date(now.getTime() + VALIDITY_MS),
  });
  return { certificate: pems.cert, encryptedPrivateKey: encryptSecret(pems.private, PURPOSE) };
}

function ringOf(stored: StoredSpKey): SpKeyRing {
  const others = [stored.next, stored.previous].filter((p): p is StoredPair => Boolean(p));
  return {
    certificate: stored.certificate,
    privateKey: decryptSecret(stored.encryptedPrivateKey, PURPOSE),
    published: [stored.certificate, ...others.map((p) => p.certificate)],
    otherPrivateKeys: others.map((p) => decryptSecret(p.encryptedPrivateKey, PURPOSE)),
  };
}

async function storedKey(db: DbOrTx): Promise<StoredSpKey> {
  return (await getSetting<StoredSpKey>(db, SETTING)) ?? (await insertSettingIfAbsent(db, SETTING, await freshPair()));
}

/**
 * The installation's SP key pair: made once (on first start), stored encrypted, shared by every
 * instance on the database. Several instances starting together agree on the first one stored.
 */
export async function getSpKeyPair(db: DbOrTx): Promise<SpKeyRing> {
  const cached = cache.get(db);
  if (cached && cached.until > Date.now()) return cached.ring;
  const ring = ringOf(await storedKey(db));
  cache.set(db, { ring, until: Date.now() + CACHE_MS });
  return ring;
}

export function certificateExpiry(pem: string): Date {
  return new Date(new X509Certificate(pem).validTo);
}

/** The next key is made this long before the current one expires, and published beside it from then on. */
const SP_NEXT_KEY_AHEAD_MS = 60 * 86_400_000;
/** The next key takes over this long before the current one expires; the old one stays published until it does. */
const SP_SWITCH_AHEAD_MS = 30 * 86_400_000;

type SpRotationStep = "none" | "prepared" | "switched" | "retired_previous";

/**
 * Rotates the SP key ahead of its expiry, one step per call (the certificate watch calls it daily):
 * prepare the next key and publish both; switch to it with the old one still published; drop the old one
 * once it has expired. The row is locked, so two instances never make two next keys.
 */
export async function rotateSpKeyIfDue(db: DbOrTx, now: Date): Promise<{ step: SpRotationStep; certificate: string }> {
  return db.transaction(async (tx) => {
    await storedKey(tx);
    await tx.select().from(installationSettings).where(eq(installationSettings.key, SETTING)).for("update");
    const stored = (await getSetting<StoredSpKey>(tx, SETTING))!;
    const left = certificateExpiry(stored.certificate).getTime() - now.getTime();
    let next: StoredSpKey | null = null;
    let step: SpRotationStep = "none";
    if (stored.previous && certificateExpiry(stored.previous.certificate).getTime() <= now.getTime()) {
      next = { certificate: stored.certificate, encryptedPrivateKey: stored.encryptedPrivateKey, ...(stored.next ? { next: stored.next } : {}) };
      step = "retired_previous";
    } else if (left <= SP_SWITCH_AHEAD_MS && stored.next) {
      next = { ...stored.next, previous: { certificate: stored.certificate, encryptedPrivateKey: stored.encryptedPrivateKey } };
      step = "switched";
    } else if (left <= SP_NEXT_KEY_AHEAD_MS && !stored.next) {
      next = { ...stored, next: await freshPair(now) };
      step = "prepared";
    }
    if (next) {
      await putSetting(tx, SETTING, next);
      cache = new WeakMap();
    }
    return { step, certificate: (next ?? stored).certificate };
  });
}

/** A connection imported with its former SP identity keeps it (see `connections.acsUrlOverride`). */
interface SpOverrides {
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

export async function spIdentity(
  db: DbOrTx,
  connection: { id: string } & SpOverrides,
): Promise<SpIdentity & Pick<SpKeyRing, "published" | "otherPrivateKeys">> {
  const key = await getSpKeyPair(db);
  const endpoints = spEndpoints(connection.id, connection);
  return { entityId: endpoints.entityId, acsUrl: endpoints.acsUrl, ...key };
}

/** The SP identity a connection's public metadata shows; an unknown connection is not found. */
export async function publishedSpIdentity(ctx: ServiceContext, connectionId: string): Promise<{ connectionId: string; sp: SpIdentity }> {
  const connection = await findConnection(ctx.db, null, connectionId);
  return { connectionId: connection.id, sp: await spIdentity(ctx.db, connection) };
}
