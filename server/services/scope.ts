import type { PortalIntent, StaffRole } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";

/** How a portal link's refusal names each feature. */
const featureNames: Record<PortalIntent, string> = {
  domain_verification: "domain verification",
  sso: "Single Sign-On",
  dsync: "Directory Sync",
  audit_logs: "Audit Logs",
  log_streams: "Log Streams",
  certificate_renewal: "certificate renewal",
};

interface Scope {
  /** The feature: an IT admin's portal link must include this intent (or one of these). */
  intent: PortalIntent | readonly PortalIntent[];
  /** The least staff role (viewers read, admins change); without it any staff member may act. */
  role?: StaffRole;
  /**
   * An organization the input names. A portal session bound to another one answers "not found" for
   * `resource`, never "forbidden", so ids of other tenants cannot be probed.
   */
  organization?: { id: string | null | undefined; resource: string };
}

/**
 * The one scope check every service runs first. An IT admin acts only in the session's organization
 * and only on a link with the feature's intent; staff need at least `scope.role`; API keys and the
 * system act over the whole installation; identity providers and public entry points are refused
 * wherever a role is needed. Returns the organization the actor is bound to (the portal session's),
 * or null when it may name any.
 */
export function requireScope(ctx: ServiceContext, scope: Scope): string | null {
  if (ctx.actor.type === "portal") {
    const intents: readonly PortalIntent[] = typeof scope.intent === "string" ? [scope.intent] : scope.intent;
    const granted = ctx.actor.intents;
    if (!intents.some((intent) => granted.includes(intent))) throw new ForbiddenError(`This link does not include ${featureNames[intents[0]!]}.`);
    const named = scope.organization?.id;
    if (named != null && named !== ctx.actor.organizationId) throw new NotFoundError(scope.organization!.resource);
    return ctx.actor.organizationId;
  }
  if (scope.role) requireRole(ctx, scope.role);
  return null;
}

/** The organization a portal session is bound to; null for actors that may name any. */
export function boundOrganizationId(ctx: ServiceContext): string | null {
  return ctx.actor.type === "portal" ? ctx.actor.organizationId : null;
}
