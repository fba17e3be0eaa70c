import { apiRoute } from "@/server/api/route";
import { deleteDirectory, getDirectory } from "@/server/services/directory-sync";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getDirectory(ctx, params.id) }));

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteDirectory(ctx, params.id);
  return { status: 202 };
});
