import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/server/env";
import { portalCookieOptions, readCookie } from "@/server/portal/cookie";

afterEach(() => {
  delete process.env.PUBLIC_URL;
  resetEnvForTests();
});

describe("the portal session cookie", () => {
  it("is HttpOnly and SameSite=Lax, and Secure when Portico is served over https", () => {
    process.env.PUBLIC_URL = "https://portal.vendor.example";
    resetEnvForTests();
    const expires = new Date(Date.now() + 3_600_000);
    expect(portalCookieOptions(expires)).toEqual({ httpOnly: true, sameSite: "lax", secure: true, path: "/", expires });
    process.env.PUBLIC_URL = "http://localhost:3000";
    resetEnvForTests();
    expect(portalCookieOptions(expires).secure).toBe(false);
  });

  it("is read by exact name, not by a cookie that merely ends with it", () => {
    expect(readCookie("evil_portico_portal=x; portico_portal=abc%3D", "portico_portal")).toBe("abc=");
    expect(readCookie("xportico_portal=abc", "portico_portal")).toBeUndefined();
  });

  it("is no session, not an error, when its value is not valid percent-encoding", () => {
    expect(readCookie("portico_portal=%E0%A4%A", "portico_portal")).toBeUndefined();
    expect(readCookie("portico_portal=%; other=1", "portico_portal")).toBeUndefined();
  });
});
