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

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
