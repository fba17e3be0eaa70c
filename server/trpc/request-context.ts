import "server-only";
import { getDb } from "@/db/client";
import { currentStaff } from "@/server/auth/current-staff";
import { PORTAL_COOKIE, readCookie } from "@/server/portal/cookie";
import { resolvePortalSession } from "@/server/services/portal";
import type { TRPCContext } from "./init";

/** The context of one request over `/api/trpc`: the staff session and the portal cookie, never input. */
export async function requestContext(request: Request): Promise<TRPCContext> {
  const db = await getDb();
  const portal = await resolvePortalSession(db, readCookie(request.headers.get("cookie"), PORTAL_COOKIE));
  return { db, staff: await currentStaff(), portal: portal.ok ? portal.session : null };
}
