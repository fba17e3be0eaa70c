import { describe, expect, it } from "vitest";
import { cachedKeySet, forgetKeySet, rememberKeySet } from "@/server/oidc/jwks-cache";

/** The IdPs' key sets kept per jwks_uri between sign-ins (the sign-in's use of them: tests/integration/sso-oidc.test.ts). */
const now = () => Math.floor(Date.now() / 1000);
const keySet = (kid: string, uat = now()) => ({ jwks: { keys: [{ kty: "RSA", kid, n: "AQAB", e: "AQAB" }] }, uat });

describe("the JWKS cache", () => {
  it("gives back the set last read from a URL, and nothing for another URL", () => {
    rememberKeySet("https://idp-a.example.com/jwks", keySet("a1"));
    expect(cachedKeySet("https://idp-a.example.com/jwks")?.jwks.keys[0]?.kid).toBe("a1");
    expect(cachedKeySet("https://idp-b.example.com/jwks")).toBeUndefined();
  });

  it("drops a set once it is 5 minutes old, since openid-client would read the keys again anyway", () => {
    rememberKeySet("https://idp-old.example.com/jwks", keySet("old", now() - 300));
    expect(cachedKeySet("https://idp-old.example.com/jwks")).toBeUndefined();
    rememberKeySet("https://idp-recent.example.com/jwks", keySet("recent", now() - 290));
    expect(cachedKeySet("https://idp-recent.example.com/jwks")?.jwks.keys[0]?.kid).toBe("recent");
  });

  it("keeps a newer set over an older one a slower sign-in brings back", () => {
    const url = "https://idp-race.example.com/jwks";
    rememberKeySet(url, keySet("new", now()));
    rememberKeySet(url, keySet("old", now() - 30));
    expect(cachedKeySet(url)?.jwks.keys[0]?.kid).toBe("new");
    forgetKeySet(url);
    expect(cachedKeySet(url)).toBeUndefined();
  });

  it("holds a copy, so changing the set it was given changes nothing kept", () => {
    const url = "https://idp-copy.example.com/jwks";
    const given = keySet("kept");
    rememberKeySet(url, given);
    given.jwks.keys[0]!.kid = "changed";
    expect(cachedKeySet(url)?.jwks.keys[0]?.kid).toBe("kept");
  });

  it("stays bounded: it keeps the 500 URLs stored last", () => {
    for (let i = 0; i < 1000; i++) rememberKeySet(`https://idp-${i}.example.com/jwks`, keySet(`k${i}`));
    expect(cachedKeySet("https://idp-499.example.com/jwks")).toBeUndefined();
    expect(cachedKeySet("https://idp-500.example.com/jwks")?.jwks.keys[0]?.kid).toBe("k500");
    expect(cachedKeySet("https://idp-999.example.com/jwks")?.jwks.keys[0]?.kid).toBe("k999");
  });
});
