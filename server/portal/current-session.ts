import "server-only";
import { cookies } from "next/headers";
import { getDb } from "@/db/client";
import { resolvePortalSession } from "@/server/services/portal";
import { PORTAL_COOKIE } from "./cookie";

/** The IT admin's portal session from the cookie, or why there is none (for server components). */
export async function currentPortalSession() {
  const token = (await cookies()).get(PORTAL_COOKIE)?.value;
  if (!token) return { ok: false as const, reason: "missing" as const };
  return resolvePortalSession(await getDb(), token);
}
