import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { loadOrganization, withDomains, type Organization } from "./load";

export function getOrganization(ctx: ServiceContext, id: string): Promise<Organization> {
  return loadOrganization(ctx.db, id);
}

export async function getOrganizationByExternalId(ctx: ServiceContext, externalId: string): Promise<Organization> {
  const rows = await ctx.db.select().from(organizations).where(eq(organizations.externalId, externalId)).limit(1);
  if (rows.length === 0) throw new NotFoundError("organization with external_id", externalId);
  const [organization] = await withDomains(ctx.db, rows);
  return organization!;
}
