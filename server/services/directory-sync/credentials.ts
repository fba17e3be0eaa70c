import { eq } from "drizzle-orm";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import { directories, directoryGroups, directoryRequests, directoryUsers } from "@/db/schema";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { directoryGroupToWire, directoryUserToWire } from "@/server/wire/directory-sync";
import { findDirectoryRow, requireDirectoryAccess } from "./access";
import { scimBaseUrl } from "./directories";
import { recordEvents } from "./events";
import { forgetPendingRequests } from "./request-log";

export interface IssuedToken {
  directory_id: string;
  scim_base_url: string;
  bearer_token: string;
}

/** A new bearer token; the old one stops working with this commit. */
export async function rotateDirectoryToken(ctx: ServiceContext, id: string): Promise<IssuedToken> {
  requireDirectoryAccess(ctx, null, "write");
  const token = newToken();
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, id, { forUpdate: true });
    await tx
      .update(directories)
      .set({
        tokenHash: sha256Hex(token),
        failedAuthCount: 0,
        // Bad attempts were against the old token: the state goes back to what the last good request left.
        state: row.state === "invalid_credentials" ? (row.activatedAt ? "linked" : "unlinked") : row.state,
        updatedAt: nowOf(ctx),
      })
      .where(eq(directories.id, id));
    await recordOwnChange(tx, ctx, { organizationId: row.organizationId, action: "portico.directory.token_regenerated", target: { id, type: "directory", name: row.name } });
  });
  return { directory_id: id, scim_base_url: scimBaseUrl(id), bearer_token: token };
}

/**
 * "Reset directory": every synced user and group goes (each with its `deleted` event) and a new token is
 * issued, so the identity provider has to be set up again.
 */
export async function resetDirectory(ctx: ServiceContext, id: string): Promise<IssuedToken> {
  requireDirectoryAccess(ctx, null, "write");
  const token = newToken();
  const now = nowOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const row = await findDirectoryRow(ctx, tx, id, { forUpdate: true });
    const users = await tx.delete(directoryUsers).where(eq(directoryUsers.directoryId, id)).returning();
    const groups = await tx.delete(directoryGroups).where(eq(directoryGroups.directoryId, id)).returning();
    // The old setup's requests go too: "last sync" and the activity chart start again from nothing.
    await tx.delete(directoryRequests).where(eq(directoryRequests.directoryId, id));
    await recordEvents(
      tx,
      row.organizationId,
      [
        ...users.map((u) => ({ event: "dsync.user.deleted" as const, data: { ...directoryUserToWire(u), state: "inactive" } })),
        ...groups.map((g) => ({ event: "dsync.group.deleted" as const, data: { ...directoryGroupToWire(g) } })),
      ],
      now,
    );
    await tx
      .update(directories)
      .set({ tokenHash: sha256Hex(token), failedAuthCount: 0, state: "unlinked", activatedAt: null, groupFilter: null, updatedAt: now })
      .where(eq(directories.id, id));
    await recordOwnChange(tx, ctx, { organizationId: row.organizationId, action: "portico.directory.reset", target: { id, type: "directory", name: row.name }, metadata: { users_removed: users.length, groups_removed: groups.length } });
  });
  forgetPendingRequests(id);
  return { directory_id: id, scim_base_url: scimBaseUrl(id), bearer_token: token };
}
