import { ForbiddenError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";

/**
 * The organization whose audit log a call reads. An IT admin's portal session reaches only its own
 * organization, and only on a link with the `audit_logs` intent: an id in the input is ignored there.
 */
export async function auditLogOrganization(ctx: ServiceContext, requested?: string | null): Promise<string> {
  if (ctx.actor.type === "portal") {
    if (!ctx.actor.intents.includes("audit_logs")) throw new ForbiddenError("This link does not include Audit Logs.");
    return ctx.actor.organizationId;
  }
  if (!requested) throw new ValidationError([{ field: "organization_id", code: "required", message: "is required" }]);
  await findOrganizationRow(ctx.db, requested);
  return requested;
}
