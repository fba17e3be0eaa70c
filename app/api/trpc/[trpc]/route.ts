import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getDb } from "@/db/client";
import { currentStaff } from "@/server/auth/current-staff";
import { appRouter } from "@/server/trpc/routers/_app";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: async () => ({ db: await getDb(), staff: await currentStaff() }),
  });
}

export { handler as GET, handler as POST };
