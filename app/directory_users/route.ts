import { apiRoute } from "@/server/api/route";
import { listBody, listQuery } from "@/server/api/wire-input";
import { listDirectoryUsers } from "@/server/services/directory-sync";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: listBody(
    await listDirectoryUsers(ctx, {
      ...listQuery(url),
      directory: url.searchParams.get("directory") ?? undefined,
      group: url.searchParams.get("group") ?? undefined,
      search: url.searchParams.get("search") ?? undefined,
    }),
  ),
}));
