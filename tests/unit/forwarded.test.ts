import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/server/env";
import { proxyTrust, resolveClientAddress } from "@/server/http/forwarded";

describe("client address behind proxies", () => {
  it("uses the socket's address and ignores X-Forwarded-For when no proxy is trusted", () => {
    const none = proxyTrust([]);
    expect(resolveClientAddress("127.0.0.1", "203.0.113.9", none)).toBe("127.0.0.1");
    expect(resolveClientAddress("::ffff:198.51.100.4", "203.0.113.9, 10.0.0.1", none)).toBe("198.51.100.4");
    expect(resolveClientAddress(undefined, "203.0.113.9", none)).toBe("unknown");
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    expect(resolveClientAddress("198.51.100.4", "203.0.113.9", proxyTrust(["10.0.0.0/8"]))).toBe("198.51.100.4");
  });

  it("takes the right-most address no trusted proxy wrote, whatever the client put to its left", () => {
    const trust = proxyTrust(["10.0.0.0/8", "127.0.0.1", "2001:db8::/32"]);
    expect(resolveClientAddress("::ffff:127.0.0.1", "203.0.113.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.1.2.3", "1.1.1.1, 8.8.8.8, 203.0.113.9, 10.9.9.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("10.1.2.3", ["1.1.1.1", "203.0.113.9:4711"], trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("2001:db8::1", "[2001:db8:ffff::1]:443, 2001:0DB9::5", trust)).toBe("2001:db9::5");
  });

  it("stops at a hop that is not an address, blaming the proxy that passed it on", () => {
    const trust = proxyTrust(["10.0.0.0/8"]);
    expect(resolveClientAddress("10.0.0.2", "203.0.113.9, not-an-ip, 10.0.0.7", trust)).toBe("10.0.0.7");
    expect(resolveClientAddress("10.0.0.2", "", trust)).toBe("10.0.0.2");
  });
});

describe("TRUSTED_PROXIES", () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXIES;
    resetEnvForTests();
  });

  it("accepts addresses and CIDR ranges of both families", () => {
    process.env.TRUSTED_PROXIES = " 10.0.0.0/8, 127.0.0.1,::1 , 2001:db8::/32";
    resetEnvForTests();
    expect(env().TRUSTED_PROXIES).toEqual(["10.0.0.0/8", "127.0.0.1", "::1", "2001:db8::/32"]);
  });

  it.each(["10.0.0.0/33", "localhost", "10.0.0.0/8/8", "::1/129", "10.0.0.1/"])("refuses %s, naming the variable", (value) => {
    process.env.TRUSTED_PROXIES = value;
    resetEnvForTests();
    expect(() => env()).toThrow(/TRUSTED_PROXIES/);
  });
});

describe("address spelling", () => {
  it("gives one client one spelling, so rate-limit keys cannot be multiplied by rewriting an address", () => {
    const trust = proxyTrust(["::ffff:10.0.0.1", "2001:DB8::/32"]);
    expect(resolveClientAddress("10.0.0.1", "2001:0DB9:0000::0005", trust)).toBe("2001:db9::5");
    expect(resolveClientAddress("2001:db8:0::7", "::FFFF:203.0.113.9", trust)).toBe("203.0.113.9");
    expect(resolveClientAddress("fe80::1%eth0", "203.0.113.9", trust)).toBe("fe80::1%eth0");
  });
});
