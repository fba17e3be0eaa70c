import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { directories } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { createDirectory, scimBaseUrl } from "@/server/services/directory-sync";
import type { PolisDirectory } from "./polis-client";
import { mapped, remember } from "./polis-items";
import { directoryTypeOf, fingerprintOf } from "./polis-map";
import type { DirectoryReport } from "./polis-report";

export async function importDirectory(
  ctx: ServiceContext,
  tx: DbOrTx,
  organizationId: string,
  directory: PolisDirectory,
  options: { tokens: boolean },
  now: Date,
): Promise<DirectoryReport> {
  const type = directoryTypeOf(directory);
  const name = (directory.name || `${directory.tenant} directory`).slice(0, 200);
  const base = { polisDirectoryId: directory.id, name, type: directory.type, notes: [] as string[] };
  if (!type)
    return {
      ...base,
      outcome: "skipped",
      directoryId: null,
      scimBaseUrl: null,
      notes: ["Google Workspace directories are not SCIM: set this one up again in Portico"],
    };
  const fingerprint = fingerprintOf({ name, type, deactivated: directory.deactivated ?? false });
  const previous = await mapped(tx, "directory", directory.id);
  const [current] = previous
    ? await tx
        .select({ id: directories.id })
        .from(directories)
        .where(and(eq(directories.organizationId, organizationId), eq(directories.id, previous.targetId)))
    : [];
  if (current) {
    const changed = previous!.fingerprint !== fingerprint;
    if (changed) {
      await tx
        .update(directories)
        .set({ name, updatedAt: now })
        .where(and(eq(directories.organizationId, organizationId), eq(directories.id, current.id)));
      await remember(tx, { kind: "directory", sourceKey: directory.id, organizationId, targetId: current.id, fingerprint }, now);
    }
    return { ...base, outcome: changed ? "updated" : "unchanged", directoryId: current.id, scimBaseUrl: scimBaseUrl(current.id) };
  }
  const created = await createDirectory(ctx, { organizationId, type, name });
  await remember(tx, { kind: "directory", sourceKey: directory.id, organizationId, targetId: created.id, fingerprint }, now);
  return {
    ...base,
    outcome: "created",
    directoryId: created.id,
    scimBaseUrl: created.scim_base_url,
    ...(options.tokens ? { bearerToken: created.bearer_token } : {}),
    notes: options.tokens ? [] : ["the bearer token is not kept: make one on the directory's page (Rotate token) or send the IT admin a setup link"],
  };
}
