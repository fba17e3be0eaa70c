import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories, organizationDomains, type DirectoryRow } from "@/db/schema";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { directoryToWire, type DirectoryWire } from "@/server/wire/directory-sync";

/**
 * Who may touch directories: staff (viewers read, admins change), API keys and the system, and an IT
 * admin's portal session for its own organization when its link carries the `dsync` intent.
 */
export function requireDirectoryAccess(ctx: ServiceContext, organizationId: string | null, mode: "read" | "write"): void {
  if (ctx.actor.type === "portal") {
    if (!ctx.actor.intents.includes("dsync")) throw new ForbiddenError("This link does not include Directory Sync.");
    // Another organization's directory answers "not found", never "forbidden".
    if (organizationId !== null && organizationId !== ctx.actor.organizationId) throw new NotFoundError("directory");
    return;
  }
  requireRole(ctx, mode === "write" ? "admin" : "viewer");
}

/** The organization a portal session is bound to; other actors may name any. */
export function scopedOrganizationId(ctx: ServiceContext): string | null {
  return ctx.actor.type === "portal" ? ctx.actor.organizationId : null;
}

export async function findDirectoryRow(ctx: ServiceContext, db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}): Promise<DirectoryRow> {
  const organizationId = scopedOrganizationId(ctx);
  const query = db
    .select()
    .from(directories)
    .where(and(eq(directories.id, id), organizationId ? eq(directories.organizationId, organizationId) : undefined));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("directory", id);
  return row;
}

export async function organizationDomain(db: DbOrTx, organizationId: string): Promise<string | null> {
  const [row] = await db
    .select({ domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(eq(organizationDomains.organizationId, organizationId))
    .orderBy(organizationDomains.id)
    .limit(1);
  return row?.domain ?? null;
}

export async function directoryWire(db: DbOrTx, row: DirectoryRow): Promise<DirectoryWire> {
  return directoryToWire(row, await organizationDomain(db, row.organizationId));
}
