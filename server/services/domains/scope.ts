import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizationDomains } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";
import type { organizationDomainToWire } from "@/server/wire/organizations";

export type OrganizationDomain = ReturnType<typeof organizationDomainToWire>;

/**
 * Who may touch domains: staff and API keys anywhere (admins to change), an IT admin only in their
 * own organization and only with the domain-verification intent. Returns the organization filter.
 */
export function domainScope(ctx: ServiceContext, change: boolean): string | null {
  if (ctx.actor.type === "portal") {
    if (!ctx.actor.intents.includes("domain_verification")) throw new ForbiddenError("This link does not include domain verification.");
    return ctx.actor.organizationId;
  }
  if (change) requireRole(ctx, "admin");
  return null;
}

/** The domain, if the actor may see it; another organization's domain answers "not found". */
export async function findScopedDomain(db: DbOrTx, id: string, organizationId: string | null, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(organizationDomains)
    .where(and(eq(organizationDomains.id, id), organizationId ? eq(organizationDomains.organizationId, organizationId) : undefined));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("organization_domain", id);
  return row;
}
