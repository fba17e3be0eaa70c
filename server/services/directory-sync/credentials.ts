import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories, directoryGroups, directoryRequests, directoryUsers, type DirectoryRow } from "@/db/schema";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { pendingEvent, recordEvents } from "@/server/services/events/record";
import { directoryGroupToWire, directoryTokenEventData, directoryUserToWire } from "@/server/wire/directory-sync";
import { findDirectoryRow } from "./access";
import { scimBaseUrl } from "./directories";
import { flushScimRequestLog, forgetPendingRequests } from "./request-log";
import { issueToken } from "./token";
import { requireScope } from "@/server/services/scope";

interface IssuedToken {
  directory_id: string;
  scim_base_url: string;
  bearer_token: string;
}

/** `dsync.token.revoked` for the old token and `dsync.token.created` for the new one. */
function tokenEvents(before: DirectoryRow, after: DirectoryRow) {
  const revoked = directoryTokenEventData(before);
  const created = directoryTokenEventData(after)!;
  return [
    ...(revoked ? [pendingEvent("dsync.token.revoked", revoked, before.organizationId)] : []),
    pendingEvent("dsync.token.created", created, after.organizationId),
  ];
}

async function updateDirectory(tx: DbOrTx, id: string, set: Partial<typeof directories.$inferInsert>): Promise<DirectoryRow> {
  const [row] = await tx.update(directories).set(set).where(eq(directories.id, id)).returning();
  return row!;
}

/** A new bearer token; the old one stops working with this commit. */
export async function rotateDirectoryToken(ctx: ServiceContext, id: string): Promise<IssuedToken> {
  requireScope(ctx, { intent: "dsync", role: "admin" });
  const now = nowOf(ctx);
  const { token, columns } = issueToken(now);
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, id, { forUpdate: true });
    const updated = await updateDirectory(tx, id, {
      ...columns,
      failedAuthCount: 0,
      // Bad attempts were against the old token: the state goes back to what the last good request left.
      state: row.state === "invalid_credentials" ? (row.activatedAt ? "linked" : "unlinked") : row.state,
      updatedAt: now,
    });
    await recordEvents(tx, tokenEvents(row, updated), now);
    await recordOwnChange(tx, ctx, {
      organizationId: row.organizationId,
      action: "portico.directory.token_regenerated",
      target: { id, type: "directory", name: row.name },
    });
  });
  return { directory_id: id, scim_base_url: scimBaseUrl(id), bearer_token: token };
}

/**
 * "Reset directory": every synced user and group goes (each with its `deleted` event) and a new token is
 * issued, so the identity provider has to be set up again.
 */
export async function resetDirectory(ctx: ServiceContext, id: string): Promise<IssuedToken> {
  requireScope(ctx, { intent: "dsync", role: "admin" });
  const now = nowOf(ctx);
  const { token, columns } = issueToken(now);
  // Requests logged before the reset are written first, so the reset's delete takes them too.
  await flushScimRequestLog();
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, id, { forUpdate: true });
    const users = await tx.delete(directoryUsers).where(eq(directoryUsers.directoryId, id)).returning();
    const groups = await tx.delete(directoryGroups).where(eq(directoryGroups.directoryId, id)).returning();
    // The old setup's requests go too: "last sync" and the activity chart start again from nothing.
    await tx.delete(directoryRequests).where(eq(directoryRequests.directoryId, id));
    const updated = await updateDirectory(tx, id, { ...columns, failedAuthCount: 0, state: "unlinked", activatedAt: null, groupFilter: null, updatedAt: now });
    await recordEvents(
      tx,
      [
        ...users.map((u) => pendingEvent("dsync.user.deleted", { ...directoryUserToWire(u), state: "inactive" }, row.organizationId)),
        ...groups.map((g) => pendingEvent("dsync.group.deleted", directoryGroupToWire(g), row.organizationId)),
        ...tokenEvents(row, updated),
      ],
      now,
    );
    await recordOwnChange(tx, ctx, {
      organizationId: row.organizationId,
      action: "portico.directory.reset",
      target: { id, type: "directory", name: row.name },
      metadata: { users_removed: users.length, groups_removed: groups.length },
    });
  });
  forgetPendingRequests(id);
  return { directory_id: id, scim_base_url: scimBaseUrl(id), bearer_token: token };
}
