import { apiRoute } from "@/server/api/route";
import { listBody, listQuery } from "@/server/api/wire-input";
import { listDirectoryGroups } from "@/server/services/directory-sync";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: listBody(
    await listDirectoryGroups(ctx, {
      ...listQuery(url),
      directory: url.searchParams.get("directory") ?? undefined,
      user: url.searchParams.get("user") ?? undefined,
    }),
  ),
}));
