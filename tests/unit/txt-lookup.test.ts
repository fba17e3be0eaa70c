import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTxtRecord } from "@/server/dns/txt";
import { startDnsServer, type DnsAnswer } from "../support/dns";

let dns: Awaited<ReturnType<typeof startDnsServer>>;
beforeAll(async () => {
  dns = await startDnsServer(
    new Map<string, DnsAnswer>([
      ["_portico-challenge.good.example", ["other=1", "the-token"]],
      ["_portico-challenge.split.example", ["the-", "token"]],
      ["_portico-challenge.wrong.example", ["google-site-verification=abc", "not-the-token"]],
      ["_portico-challenge.gone.example", "nxdomain"],
      ["_portico-challenge.slow.example", "silent"],
    ]),
  );
});
afterAll(async () => {
  await dns?.stop();
});

const check = (name: string, timeoutMs = 1500) => checkTxtRecord(`_portico-challenge.${name}`, "the-token", { servers: [dns.server], timeoutMs });

describe("TXT record checks against a real DNS server", () => {
  it("verifies when one of the TXT records has the exact value", async () => {
    expect(await check("good.example")).toMatchObject({ outcome: "verified", found: ["other=1", "the-token"] });
  });

  it("reports the records it found when none has the expected value", async () => {
    const result = await check("wrong.example");
    expect(result).toMatchObject({ outcome: "wrong_value", found: ["google-site-verification=abc", "not-the-token"] });
    expect(result.detail).toContain("none with the expected value");
  });

  it("says there is no TXT record when the name has none", async () => {
    expect((await check("empty.example")).outcome).toBe("no_record");
  });

  it("says the name does not exist on NXDOMAIN", async () => {
    expect((await check("gone.example")).outcome).toBe("nxdomain");
  });

  it("gives up after the timeout when the server never answers", async () => {
    const started = Date.now();
    expect((await check("slow.example", 800)).outcome).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
