import { apiRoute } from "@/server/api/route";
import { camelKeys, wireBody } from "@/server/api/wire-input";
import { generatePortalLinkWire } from "@/server/api/openapi/operations/portal";
import { generatePortalLink } from "@/server/services/portal";

export const POST = apiRoute(async ({ ctx, body }) => {
  const input = camelKeys(wireBody(generatePortalLinkWire, body)) as Parameters<typeof generatePortalLink>[1];
  const link = await generatePortalLink(ctx, input);
  return { status: 201, body: link };
});
