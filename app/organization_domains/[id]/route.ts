import { apiRoute } from "@/server/api/route";
import { getDomain, removeDomain } from "@/server/services/domains";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getDomain(ctx, params.id) }));

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await removeDomain(ctx, params.id);
  return { status: 204 };
});
