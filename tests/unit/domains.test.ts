import { describe, expect, it } from "vitest";
import { normalizeDomain } from "@/server/services/organizations/domains";

describe("normalizeDomain", () => {
  it("trims, lowercases and drops a trailing dot", () => {
    expect(normalizeDomain("  Example.COM. ")).toBe("example.com");
  });

  it("converts internationalized names to punycode", () => {
    expect(normalizeDomain("bücher.example")).toBe("xn--bcher-kva.example");
  });

  it.each(["https://example.com", "example.com/path", "example.com:443", "user@example.com", "localhost", "10.0.0.1", "-bad.example.com", "a..b.com", ""])(
    "refuses %j",
    (input) => {
      expect(normalizeDomain(input)).toBeNull();
    },
  );
});
