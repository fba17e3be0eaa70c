import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { addDomain } from "@/server/services/domains";

export const POST = apiRoute(async ({ ctx, body }) => {
  const b = bodyObject(body);
  return { status: 201, body: await addDomain(ctx, { organizationId: b.organization_id as string, domain: b.domain }) };
});
