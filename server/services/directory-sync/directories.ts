import { and, eq, ilike, or } from "drizzle-orm";
import { directories } from "@/db/schema";
import { env } from "@/server/env";
import { newToken } from "@/server/crypto/tokens";
import { newId } from "@/server/ids";
import { defaultAttributeMap } from "@/server/scim/attribute-map";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { recordEvent } from "@/server/services/events/record";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { markIntentStarted } from "@/server/services/portal";
import { paginate, type Page } from "@/server/services/pagination";
import { parseInput } from "@/server/services/validate";
import { directoryDeletedEventData, directoryTokenEventData, type DirectoryWire } from "@/server/wire/directory-sync";
import { directoryWire, findDirectoryRow } from "./access";
import { issueToken } from "./token";
import { createDirectorySchema, directoryTypeLabels, listDirectoriesSchema, type CreateDirectoryInput, type ListDirectoriesInput } from "./schemas";
import { requireScope } from "@/server/services/scope";

interface CreatedDirectory extends DirectoryWire {
  scim_base_url: string;
  /** Shown once: only its SHA-256 is stored. */
  bearer_token: string;
}

export function scimBaseUrl(directoryId: string): string {
  return `${env().publicUrl}/scim/v2/${directoryId}`;
}

/** Creates a directory and its first bearer token. The portal, the API and the CLI all come here. */
export async function createDirectory(ctx: ServiceContext, input: CreateDirectoryInput): Promise<CreatedDirectory> {
  const scoped = requireScope(ctx, { intent: "dsync", role: "admin" });
  // A portal session always creates in its own organization, whatever the input says.
  const data = parseInput(createDirectorySchema, scoped ? { ...input, organizationId: scoped } : input);
  const now = nowOf(ctx);
  const { token, columns } = issueToken(now);
  return ctx.db.transaction(async (tx) => {
    await findOrganizationRow(tx, data.organizationId);
    const [row] = await tx
      .insert(directories)
      .values({
        id: newId("directory"),
        organizationId: data.organizationId,
        name: data.name ?? directoryTypeLabels[data.type],
        type: data.type,
        state: "unlinked",
        externalKey: newToken().slice(0, 16),
        ...columns,
        attributeMap: defaultAttributeMap,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await markIntentStarted(tx, data.organizationId, "dsync", now);
    await recordEvent(tx, "dsync.token.created", directoryTokenEventData(row!)!, row!.organizationId, now);
    return { ...(await directoryWire(tx, row!)), scim_base_url: scimBaseUrl(row!.id), bearer_token: token };
  });
}

function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listDirectories(ctx: ServiceContext, input: ListDirectoriesInput): Promise<Page<DirectoryWire>> {
  const scoped = requireScope(ctx, { intent: "dsync", role: "viewer" });
  const params = parseInput(listDirectoriesSchema, input);
  const organizationId = scoped ?? params.organizationId;
  const where = and(
    organizationId ? eq(directories.organizationId, organizationId) : undefined,
    params.search ? or(ilike(directories.name, likePattern(params.search)), ilike(directories.type, likePattern(params.search))) : undefined,
  );
  const page = await paginate(directories.id, params, where, (w, orderBy, limit) => ctx.db.select().from(directories).where(w).orderBy(orderBy).limit(limit));
  return { data: await Promise.all(page.data.map((row) => directoryWire(ctx.db, row))), listMetadata: page.listMetadata };
}

export async function getDirectory(ctx: ServiceContext, id: string): Promise<DirectoryWire> {
  requireScope(ctx, { intent: "dsync", role: "viewer" });
  const row = await findDirectoryRow(ctx, ctx.db, id);
  return directoryWire(ctx.db, row);
}

/** Deletes the directory with every synced user and group (by cascade) and emits `dsync.deleted`. */
export async function deleteDirectory(ctx: ServiceContext, id: string): Promise<void> {
  requireScope(ctx, { intent: "dsync", role: "admin" });
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, id, { forUpdate: true });
    await tx.delete(directories).where(eq(directories.id, id));
    await recordEvent(tx, "dsync.deleted", directoryDeletedEventData(row), row.organizationId, nowOf(ctx));
  });
}
