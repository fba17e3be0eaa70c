import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { generatePortalLink } from "@/server/services/portal";

export const POST = apiRoute(async ({ ctx, body }) => {
  const b = bodyObject(body);
  const link = await generatePortalLink(ctx, {
    organization: b.organization as string,
    intent: b.intent as string,
    returnUrl: b.return_url as string | undefined,
    successUrl: b.success_url as string | undefined,
  });
  return { status: 201, body: link };
});
