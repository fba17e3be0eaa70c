import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { decryptSecret, deriveSecret, encryptSecret, MissingEncryptionKeyError, resetEncryptionKeyForTests } from "@/server/crypto/secrets";
import { getAuthSecret } from "@/server/services/settings/installation";
import { resetEnvForTests } from "@/server/env";

/** AES-256-GCM for secrets Portico reads back (the SAML SP private key), and where its key comes from. */
const saved = { ...process.env };
function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
  resetEncryptionKeyForTests();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
  resetEncryptionKeyForTests();
});

describe("encrypted secrets", () => {
  it("round-trips, binds the purpose and refuses tampering", () => {
    withEnv({ ENCRYPTION_KEY: "11".repeat(32) });
    const sealed = encryptSecret("-----BEGIN PRIVATE KEY-----secret", "saml-sp-private-key");
    expect(sealed).not.toContain("secret");
    expect(decryptSecret(sealed, "saml-sp-private-key")).toBe("-----BEGIN PRIVATE KEY-----secret");
    expect(() => decryptSecret(sealed, "another-purpose")).toThrow();
    const [v, iv, tag, data] = sealed.split(".");
    const flipped = Buffer.from(data!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."), "saml-sp-private-key")).toThrow();
    withEnv({ ENCRYPTION_KEY: "22".repeat(32) });
    expect(() => decryptSecret(sealed, "saml-sp-private-key")).toThrow();
  });

  it("with the embedded database and no key, generates one in DATA_DIR (mode 600) and keeps it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-key-"));
    withEnv({ ENCRYPTION_KEY: undefined, DATABASE_URL: undefined, DATA_DIR: dir });
    const sealed = encryptSecret("value", "p");
    expect(statSync(path.join(dir, "encryption.key")).mode & 0o777).toBe(0o600);
    resetEncryptionKeyForTests();
    expect(decryptSecret(sealed, "p")).toBe("value");
  });

  it("with Postgres and no key, refuses to guess and says how to fix it", () => {
    withEnv({ ENCRYPTION_KEY: undefined, DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    expect(() => encryptSecret("value", "p")).toThrow(MissingEncryptionKeyError);
    expect(() => encryptSecret("value", "p")).toThrow(/openssl rand -hex 32/);
  });
});

describe("derived secrets", () => {
  it("derive the session-signing secret from ENCRYPTION_KEY: the same for every instance with the key, different for another key or purpose", () => {
    withEnv({ ENCRYPTION_KEY: "22".repeat(32), AUTH_SECRET: undefined });
    const signing = getAuthSecret();
    expect(signing).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(getAuthSecret()).toBe(signing);
    expect(deriveSecret("another-purpose")).not.toBe(signing);
    withEnv({ ENCRYPTION_KEY: "33".repeat(32), AUTH_SECRET: undefined });
    expect(getAuthSecret()).not.toBe(signing);
    withEnv({ ENCRYPTION_KEY: "33".repeat(32), AUTH_SECRET: "an operator's own secret of 32+ characters" });
    expect(getAuthSecret()).toBe("an operator's own secret of 32+ characters");
  });
});
