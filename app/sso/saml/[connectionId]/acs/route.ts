import { directRoute } from "@/server/api/direct-route";
import { acsResponse } from "@/server/api/acs-http";
import { errorPage } from "@/server/api/sso-http";
import { textProblemOf } from "@/server/input-text";

/** The SAML Assertion Consumer Service (HTTP-POST binding). Authenticated by the response signature. */
export const POST = directRoute(async (request: Request, context: { params: Promise<{ connectionId: string }> }): Promise<Response> => {
  const { connectionId } = await context.params;
  if (textProblemOf(connectionId)) return errorPage(404, "Unknown connection", "This SSO connection does not exist. Check the ACS URL configured at the IdP.");
  return acsResponse(request, async () => connectionId);
});
