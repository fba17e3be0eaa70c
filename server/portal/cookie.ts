import { env } from "@/server/env";

/** The portal session cookie holds only the random session token: no organization data. */
export const PORTAL_COOKIE = "portico_portal";

export function portalCookieOptions(expiresAt: Date) {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: env().publicUrl.startsWith("https://"),
    path: "/",
    expires: expiresAt,
  };
}

/**
 * A cookie's value, or undefined. A value that is not valid percent-encoding (`%E0%A4%A`) is no session:
 * one garbled cookie must not fail every request its browser sends.
 */
export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return undefined;
    }
  }
  return undefined;
}
