import { ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { requireScope } from "@/server/services/scope";

/**
 * The organization whose audit log a call reads. An IT admin's portal session reaches only its own
 * organization, and only on a link with the `audit_logs` intent: an id in the input is ignored there.
 */
export async function auditLogOrganization(ctx: ServiceContext, requested?: string | null): Promise<string> {
  const bound = requireScope(ctx, { intent: "audit_logs" });
  if (bound) return bound;
  if (!requested) throw new ValidationError([{ field: "organization_id", code: "required", message: "is required" }]);
  await findOrganizationRow(ctx.db, requested);
  return requested;
}
