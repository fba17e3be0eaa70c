import { ForbiddenError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";

/**
 * Which organization an SSO call may touch. An IT admin's portal session reaches only its own
 * organization and only with the `sso` intent; staff, API keys and the system name one in the input.
 */
export function ssoOrganizationScope(ctx: ServiceContext, requested?: string | null): string | null {
  if (ctx.actor.type === "portal") {
    if (!ctx.actor.intents.includes("sso")) throw new ForbiddenError("This link does not include Single Sign-On.");
    return ctx.actor.organizationId;
  }
  return requested ?? null;
}

export function requireOrganizationId(ctx: ServiceContext, requested?: string | null): string {
  const organizationId = ssoOrganizationScope(ctx, requested);
  if (!organizationId) throw new ValidationError([{ field: "organizationId", code: "organization_id_required", message: "is required" }]);
  return organizationId;
}
