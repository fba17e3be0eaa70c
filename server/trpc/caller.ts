import "server-only";
import { getDb } from "@/db/client";
import { requireStaff } from "@/server/auth/require-staff";
import type { PortalSession } from "@/server/services/portal";
import { createCallerFactory } from "./init";
import { appRouter } from "./routers/_app";

const createCaller = createCallerFactory(appRouter);

/** The dashboard's procedures, called from server components with the signed-in member's rights. */
export async function dashboardCaller() {
  return createCaller({ db: await getDb(), staff: await requireStaff(), portal: null });
}

/** The portal's procedures for an IT admin's session, from server components. */
export async function portalCaller(session: PortalSession) {
  return createCaller({ db: await getDb(), staff: null, portal: session });
}
