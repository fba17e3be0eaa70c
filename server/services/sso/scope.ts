import type { PortalIntent } from "@/db/schema";
import { ForbiddenError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";

/**
 * Which organization an SSO call may touch. An IT admin's portal session reaches only its own
 * organization and only with one of `intents` (`sso` unless the call says otherwise: certificate renewal
 * reaches the connection too); staff, API keys and the system name one in the input.
 */
export function ssoOrganizationScope(ctx: ServiceContext, requested?: string | null, intents: readonly PortalIntent[] = ["sso"]): string | null {
  if (ctx.actor.type === "portal") {
    const granted = ctx.actor.intents;
    if (!intents.some((i) => granted.includes(i)))
      throw new ForbiddenError(intents.includes("sso") ? "This link does not include Single Sign-On." : "This link does not include certificate renewal.");
    return ctx.actor.organizationId;
  }
  return requested ?? null;
}

export function requireOrganizationId(ctx: ServiceContext, requested?: string | null): string {
  const organizationId = ssoOrganizationScope(ctx, requested);
  if (!organizationId) throw new ValidationError([{ field: "organizationId", code: "organization_id_required", message: "is required" }]);
  return organizationId;
}
