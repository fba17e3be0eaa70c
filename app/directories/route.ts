import { apiRoute } from "@/server/api/route";
import { bodyObject, listBody, listQuery } from "@/server/api/wire-input";
import { createDirectory, listDirectories } from "@/server/services/directory-sync";
import type { CreateDirectoryInput } from "@/server/services/directory-sync/schemas";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: listBody(
    await listDirectories(ctx, {
      ...listQuery(url),
      organizationId: url.searchParams.get("organization_id") ?? undefined,
      search: url.searchParams.get("search") ?? undefined,
    }),
  ),
}));

/** Portico extension (not in the WorkOS API): creates a directory and returns its only view of the token. */
export const POST = apiRoute(async ({ ctx, body }) => {
  const b = bodyObject(body);
  // The service validates; the cast only names the expected shape.
  const input = { organizationId: b.organization_id, type: b.type, name: b.name ?? undefined } as CreateDirectoryInput;
  return { status: 201, body: await createDirectory(ctx, input) };
});
