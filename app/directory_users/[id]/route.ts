import { apiRoute } from "@/server/api/route";
import { getDirectoryUser } from "@/server/services/directory-sync";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getDirectoryUser(ctx, params.id) }));
