import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { pooledRandomBytes } from "./random-pool";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/server/env";

/**
 * AES-256-GCM for secrets Portico must read back (SP private keys). The key comes from ENCRYPTION_KEY.
 * Without it, the embedded database keeps a generated key in DATA_DIR beside (not inside) the data;
 * with Postgres there is nowhere safe to keep one, so Portico refuses to guess.
 */
let cachedKey: Buffer | undefined;

export class MissingEncryptionKeyError extends Error {
  constructor() {
    super(
      "ENCRYPTION_KEY is not set. With DATABASE_URL, set ENCRYPTION_KEY to 32 random bytes (for example `openssl rand -hex 32`) and keep it out of the database.",
    );
  }
}

function decodeKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

function encryptionKey(): Buffer {
  if (cachedKey) return cachedKey;
  const config = env();
  if (config.ENCRYPTION_KEY) return (cachedKey = decodeKey(config.ENCRYPTION_KEY));
  if (config.DATABASE_URL) throw new MissingEncryptionKeyError();
  const dir = path.resolve(config.DATA_DIR);
  const file = path.join(dir, "encryption.key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // "wx": two processes racing here must not overwrite each other's key.
    try {
      writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return (cachedKey = decodeKey(readFileSync(file, "utf8").trim()));
}

/** For tests that switch environments in one process. */
export function resetEncryptionKeyForTests(): void {
  cachedKey = undefined;
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. `purpose` is bound as associated data. */
export function encryptSecret(plaintext: string, purpose: string): string {
  const iv = pooledRandomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), data].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

export function decryptSecret(sealed: string, purpose: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unrecognized encrypted secret format.");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/**
 * A secret derived from ENCRYPTION_KEY for one purpose (HKDF-SHA256, RFC 5869, the purpose as `info`):
 * nothing is stored, so a copy of the database alone never holds it, and every instance sharing the key
 * derives the same value. Learning a derived secret reveals neither the key nor the other purposes' secrets.
 */
export function deriveSecret(purpose: string, key: Buffer = encryptionKey()): string {
  return Buffer.from(hkdfSync("sha256", key, Buffer.alloc(0), Buffer.from(`portico:${purpose}`, "utf8"), 32)).toString("base64url");
}
