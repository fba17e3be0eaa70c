import { router } from "@/server/trpc/init";
import { apiKeysRouter } from "./dashboard/api-keys";
import { organizationsRouter } from "./dashboard/organizations";
import { staffRouter } from "./dashboard/staff";

export const appRouter = router({
  organizations: organizationsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
});

export type AppRouter = typeof appRouter;
