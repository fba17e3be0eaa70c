import { apiRoute } from "@/server/api/route";
import { listBody, listQuery } from "@/server/api/wire-input";
import { listDirectoryUsersJson } from "@/server/services/directory-sync";
import { jsonText } from "@/server/wire/json-text";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: jsonText(
    listBody(
      await listDirectoryUsersJson(ctx, {
        ...listQuery(url),
        directory: url.searchParams.get("directory") ?? undefined,
        group: url.searchParams.get("group") ?? undefined,
        search: url.searchParams.get("search") ?? undefined,
      }),
    ),
  ),
}));
