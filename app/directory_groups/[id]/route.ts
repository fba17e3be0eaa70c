import { apiRoute } from "@/server/api/route";
import { getDirectoryGroup } from "@/server/services/directory-sync";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getDirectoryGroup(ctx, params.id) }));
