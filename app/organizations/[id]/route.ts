import { apiRoute } from "@/server/api/route";
import { updateOrganizationWire } from "@/server/api/openapi/operations/organizations";
import { organizationInputFromWire } from "@/server/api/organizations";
import { deleteOrganization, getOrganization, updateOrganization } from "@/server/services/organizations";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await getOrganization(ctx, params.id) }));

export const PUT = apiRoute<{ id: string }>(async ({ ctx, params, body }) => ({
  body: await updateOrganization(ctx, params.id, organizationInputFromWire(updateOrganizationWire, body)),
}));

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteOrganization(ctx, params.id);
  return { status: 204 };
});
