import { apiRoute } from "@/server/api/route";
import { camelKeys, listBody, listQuery, wireBody } from "@/server/api/wire-input";
import { createDirectoryWire } from "@/server/api/openapi/operations/directories";
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
  const input = camelKeys(wireBody(createDirectoryWire, body, { dropNull: true })) as CreateDirectoryInput;
  return { status: 201, body: await createDirectory(ctx, input) };
});
