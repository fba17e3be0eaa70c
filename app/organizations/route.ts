import { apiRoute } from "@/server/api/route";
import { createOrganizationWire } from "@/server/api/openapi/operations/organizations";
import { organizationInputFromWire } from "@/server/api/organizations";
import { csvParam, listBody, listQuery } from "@/server/api/wire-input";
import { createOrganization, listOrganizations } from "@/server/services/organizations";
import type { CreateOrganizationInput } from "@/server/services/organizations/schemas";

export const GET = apiRoute(async ({ ctx, url }) => ({
  body: listBody(await listOrganizations(ctx, { ...listQuery(url), domains: csvParam(url, "domains") })),
}));

export const POST = apiRoute(async ({ ctx, body }) => ({
  status: 201,
  // The service validates the body; the cast only names the expected shape.
  body: await createOrganization(ctx, organizationInputFromWire(createOrganizationWire, body) as CreateOrganizationInput),
}));
