import { describe, expect, it } from "vitest";
import { digestsEqual, sha256Hex } from "@/server/crypto/tokens";

describe("digestsEqual", () => {
  const digest = sha256Hex("a bearer token");

  it("matches the same digest only", () => {
    expect(digestsEqual(digest, digest)).toBe(true);
    expect(digestsEqual(digest, sha256Hex("another token"))).toBe(false);
  });

  it("refuses a truncated digest padded with non-hex text, which hex decoding would cut to a matching prefix", () => {
    const forged = `${digest.slice(0, 2)}${"z".repeat(digest.length - 2)}`;
    expect(digestsEqual(digest.slice(0, 2).padEnd(digest.length, "0"), forged)).toBe(false);
    expect(digestsEqual(digest.slice(0, 2), `${digest.slice(0, 2)}zz`)).toBe(false);
    expect(digestsEqual("", "")).toBe(false);
  });
});
