import { describe, expect, it } from "vitest";
import { findTextProblem, findUrlTextProblem, textFieldError } from "@/server/input-text";
import { maxFilterDepth, maxFilterTerms, parseFilter } from "@/server/scim/filter";

describe("text the database cannot store", () => {
  it("finds a NUL or a lone surrogate in values and keys, and names where", () => {
    expect(findTextProblem({ name: "ok", domains: [{ domain: "a\u0000" }] })).toEqual({ path: "domains.0.domain", reason: "nul" });
    expect(findTextProblem({ metadata: { "k\ud800": "v" } })).toEqual({ path: "metadata.k\\ud800", reason: "surrogate" });
    expect(findTextProblem(["\udc00"])).toEqual({ path: "0", reason: "surrogate" });
    expect(findTextProblem("\u0000")).toEqual({ path: "body", reason: "nul" });
  });

  it("accepts paired surrogates (emoji) and ordinary text", () => {
    expect(findTextProblem({ name: "Café 😀", tags: ["\u00ff", 1, null, true] })).toBeNull();
  });

  it("refuses hostile nesting without overflowing its own stack", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextProblem(deep)?.reason).toBe("depth");
  });

  it("finds a NUL in a path parameter or a query parameter", () => {
    expect(findUrlTextProblem(new URL("http://x/a?limit=1&after=%00"))).toEqual({ path: "after", reason: "nul" });
    expect(findUrlTextProblem(new URL("http://x/a"), { id: "org_\u0000" })).toEqual({ path: "id", reason: "nul" });
    expect(findUrlTextProblem(new URL("http://x/a?q=%E2%9C%93"), { id: "org_1" })).toBeNull();
  });

  it("names the field in the error code, as the other field errors do", () => {
    expect(textFieldError({ path: "domainData.0.domain", reason: "nul" })).toMatchObject({ field: "domainData.0.domain", code: "domain_invalid_characters" });
  });
});

describe("SCIM filter limits", () => {
  const nestedNot = (n: number) => `${"not (".repeat(n)}userName eq "a"${")".repeat(n)}`;
  const orChain = (n: number) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(" or ");

  it("parses filters up to the limits", () => {
    expect(() => parseFilter("User", nestedNot(maxFilterDepth))).not.toThrow();
    expect(() => parseFilter("User", orChain(maxFilterTerms))).not.toThrow();
  });

  it("refuses deeper nesting, more comparisons, and impossible strings as invalidFilter", () => {
    for (const filter of [nestedNot(maxFilterDepth + 1), nestedNot(150), orChain(maxFilterTerms + 1), 'userName eq "\\u0000"', 'userName eq "\\ud800"']) {
      expect(() => parseFilter("User", filter), filter.slice(0, 30)).toThrow(expect.objectContaining({ status: 400, scimType: "invalidFilter" }));
    }
  });
});
