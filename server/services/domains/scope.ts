import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { organizationDomains } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { organizationDomainToWire } from "@/server/wire/organizations";

export type OrganizationDomain = ReturnType<typeof organizationDomainToWire>;

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
