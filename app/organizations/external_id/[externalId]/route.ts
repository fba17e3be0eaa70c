import { apiRoute } from "@/server/api/route";
import { getOrganizationByExternalId } from "@/server/services/organizations";

export const GET = apiRoute<{ externalId: string }>(async ({ ctx, params }) => ({
  body: await getOrganizationByExternalId(ctx, params.externalId),
}));
