import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { currentStaff } from "@/server/auth/current-staff";
import { appRouter } from "@/server/trpc/routers/_app";
import { PORTAL_COOKIE, readCookie } from "@/server/portal/cookie";
import { resolvePortalSession } from "@/server/services/portal";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => {
      const db = await getDb();
      const portal = await resolvePortalSession(db, readCookie(request.headers.get("cookie"), PORTAL_COOKIE));
      return { db, staff: await currentStaff(), portal: portal.ok ? portal.session : null };
    },
  });
}

export { handler as GET, handler as POST };
