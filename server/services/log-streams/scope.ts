import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { logStreams, type LogStreamRow } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";

/**
 * The organization whose stream a call reaches. An IT admin's portal session reaches only its own, and
 * only on a link with the `log_streams` intent: an id in the input is ignored there. Staff viewers read.
 */
export async function logStreamOrganization(ctx: ServiceContext, requested: string | null | undefined, mutate: boolean): Promise<string> {
  if (ctx.actor.type === "portal") {
    if (!ctx.actor.intents.includes("log_streams")) throw new ForbiddenError("This link does not include Log Streams.");
    return ctx.actor.organizationId;
  }
  requireRole(ctx, mutate ? "admin" : "viewer");
  if (!requested) throw new ValidationError([{ field: "organizationId", code: "required", message: "is required" }]);
  await findOrganizationRow(ctx.db, requested);
  return requested;
}

export async function streamOf(db: DbOrTx, organizationId: string, forUpdate = false): Promise<LogStreamRow | null> {
  const query = db.select().from(logStreams).where(eq(logStreams.organizationId, organizationId));
  const [row] = forUpdate ? await query.for("update") : await query;
  return row ?? null;
}
