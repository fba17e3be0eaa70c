import { apiRoute } from "@/server/api/route";
import { camelKeys, wireBody } from "@/server/api/wire-input";
import { addDomainWire } from "@/server/api/openapi/operations/domains";
import { addDomain } from "@/server/services/domains";

export const POST = apiRoute(async ({ ctx, body }) => {
  const input = camelKeys(wireBody(addDomainWire, body)) as Parameters<typeof addDomain>[1];
  return { status: 201, body: await addDomain(ctx, input) };
});
