import "server-only";
import { dashboardTrpc, loadOrNotFound } from "@/server/trpc/server";

/** An organization for a dashboard page; an unknown id renders the segment's not-found page. */
export async function organizationOrNotFound(id: string) {
  return loadOrNotFound(dashboardTrpc.organizations.get.queryOptions({ id }));
}
