import { eq } from "drizzle-orm";
import { organizations } from "@/db/schema";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { findOrganizationRow, loadOrganization } from "./load";

/** Deletes the organization and, by cascade, everything it owns. */
export async function deleteOrganization(ctx: ServiceContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  await ctx.db.transaction(async (tx) => {
    await findOrganizationRow(tx, id, { forUpdate: true });
    const organization = await loadOrganization(tx, id);
    await tx.delete(organizations).where(eq(organizations.id, id));
    await recordEvent(tx, "organization.deleted", organization, id, nowOf(ctx));
  });
}
