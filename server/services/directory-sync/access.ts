import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories, organizationDomains, type DirectoryRow } from "@/db/schema";
import { NotFoundError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { boundOrganizationId } from "@/server/services/scope";
import { directoryToWire, type DirectoryWire } from "@/server/wire/directory-sync";

export async function findDirectoryRow(ctx: ServiceContext, db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}): Promise<DirectoryRow> {
  const organizationId = boundOrganizationId(ctx);
  const query = db
    .select()
    .from(directories)
    .where(and(eq(directories.id, id), organizationId ? eq(directories.organizationId, organizationId) : undefined));
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("directory", id);
  return row;
}

async function organizationDomain(db: DbOrTx, organizationId: string): Promise<string | null> {
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
