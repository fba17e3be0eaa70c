import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_EXCHANGES_PER_MINUTE } from "@/server/services/portal/sessions";
import { SIGN_IN_LIMITS } from "@/server/services/staff/sign-in";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";

let direct: RunningServer;
let behindProxy: RunningServer;

beforeAll(async () => {
  [direct, behindProxy] = await Promise.all([startServer(), startServer({ env: { TRUSTED_PROXIES: "127.0.0.1, ::1" } })]);
});
afterAll(async () => {
  await Promise.all([direct?.stop(), behindProxy?.stop()]);
});

let counter = 0;
/** A different made-up address on each call, as an attacker rotating X-Forwarded-For would send. */
const forgedAddress = () => `198.51.100.${(counter = (counter % 250) + 1)}`;
const forgedHeaders = () => {
  const address = forgedAddress();
  return { "X-Forwarded-For": address, "X-Real-IP": address, "X-Portico-Client-Address": address };
};

/** Opens a portal link that does not exist and returns why the server turned it away. */
async function openUnknownLink(server: RunningServer, headers: Record<string, string>): Promise<string | null> {
  const token = randomBytes(32).toString("base64url");
  const response = await fetch(`${server.url}/portal/launch/${token}`, { headers, redirect: "manual" });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!).searchParams.get("reason");
}

/** Opens unknown links until one is refused for the rate; fixed one-minute windows may turn over once. */
async function exchangesUntilLimited(server: RunningServer, headers: () => Record<string, string>): Promise<number | null> {
  for (let i = 1; i <= 2 * LINK_EXCHANGES_PER_MINUTE + 1; i++) {
    if ((await openUnknownLink(server, headers())) === "rate_limited") return i;
  }
  return null;
}

/** One failed password sign-in through next-auth's credentials endpoint; returns the error code it redirects with. */
async function failedSignIn(server: RunningServer, headers: Record<string, string>): Promise<string | null> {
  const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const email = `nobody-${randomBytes(4).toString("hex")}@vendor.example.com`;
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { ...headers, cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: "wrong password, surely", csrfToken }),
    redirect: "manual",
  });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!, server.url).searchParams.get("code");
}

describe("client address without a trusted proxy", () => {
  it("counts portal link exchanges under the socket's address, however X-Forwarded-For is forged", async () => {
    const limitedAfter = await exchangesUntilLimited(direct, forgedHeaders);
    expect(limitedAfter, "a rotating X-Forwarded-For escaped the link-exchange limit").not.toBeNull();
    expect(limitedAfter!).toBeGreaterThan(LINK_EXCHANGES_PER_MINUTE);
  });

  it("counts failed sign-ins under the socket's address, however X-Forwarded-For is forged", async () => {
    // Each attempt uses a new email, so only the per-address limit can stop them.
    const codes: (string | null)[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.perClient; i++) codes.push(await failedSignIn(direct, forgedHeaders()));
    expect(codes.every((code) => code === "invalid_credentials")).toBe(true);
    expect(await failedSignIn(direct, forgedHeaders())).toBe("rate_limited");
  });
});

describe("client address behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1, ::1)", () => {
  it("counts each client by the address the proxy appended, not by what the client wrote to its left", async () => {
    // The proxy appends the address it saw; whatever the client sent stays to its left.
    const viaProxy = (client: string) => () => ({ "X-Forwarded-For": `${forgedAddress()}, ${client}`, "X-Portico-Client-Address": forgedAddress() });
    const limitedAfter = await exchangesUntilLimited(behindProxy, viaProxy("203.0.113.7"));
    expect(limitedAfter, "the client behind the proxy was never limited").not.toBeNull();
    expect(limitedAfter!).toBeGreaterThan(LINK_EXCHANGES_PER_MINUTE);
    // Another client behind the same proxy is not limited: the limit followed X-Forwarded-For, not the socket.
    expect(await openUnknownLink(behindProxy, viaProxy("203.0.113.8")())).toBe("unknown");
  });

  it("still uses the socket's address when a request bypasses the proxy without X-Forwarded-For", async () => {
    const limitedAfter = await exchangesUntilLimited(behindProxy, () => ({}));
    expect(limitedAfter).not.toBeNull();
    expect(await openUnknownLink(behindProxy, { "X-Forwarded-For": "203.0.113.9" })).toBe("unknown");
  });
});

describe("TRUSTED_PROXIES at start", () => {
  it("stops the server with a message naming the variable when an entry is not an address or range", async () => {
    const database = await freshDatabaseEnv();
    try {
      await expect(startServer({ database, env: { TRUSTED_PROXIES: "10.0.0.0/8, proxy.internal" } })).rejects.toThrow(/could not start[\s\S]*TRUSTED_PROXIES/);
    } finally {
      await database.cleanup();
    }
  });
});
