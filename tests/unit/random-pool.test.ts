import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { pooledRandomBytes, pooledRandomFraction } from "@/server/crypto/random-pool";

describe("pooled random bytes", () => {
  it("never hands out the same bytes twice, across many refills of the pool", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(pooledRandomBytes(12).toString("hex"));
    expect(seen.size).toBe(20_000);
  });

  it("hands out bytes spread over the whole range, and fractions in [0, 1)", () => {
    const counts = new Array(256).fill(0);
    for (let i = 0; i < 256 * 64; i++) counts[pooledRandomBytes(1)[0]!]++;
    expect(Math.min(...counts)).toBeGreaterThan(20);
    const fractions = Array.from({ length: 5000 }, pooledRandomFraction);
    expect(Math.min(...fractions)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...fractions)).toBeLessThan(1);
  });

  it("refuses a request larger than it hands out at once", () => {
    expect(() => pooledRandomBytes(257)).toThrow(RangeError);
  });

  it("gives every sealed secret its own nonce", () => {
    const nonces = new Set(Array.from({ length: 2000 }, () => encryptSecret("same text", "test").split(".")[1]));
    expect(nonces.size).toBe(2000);
    expect(decryptSecret(encryptSecret("same text", "test"), "test")).toBe("same text");
  });
});
