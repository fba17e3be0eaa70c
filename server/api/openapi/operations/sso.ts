import { z } from "zod";
import { authorizeParamsSchema, tokenRequestSchema } from "@/server/services/sso";
import { errorSchema, validationErrorSchema } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

const profileWire = z
  .object({
    object: z.literal("profile"),
    id: z.string(),
    idp_id: z.string(),
    organization_id: z.string(),
    connection_id: z.string(),
    connection_type: z.string(),
    email: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    groups: z.array(z.string()).optional(),
    custom_attributes: z.record(z.string(), z.unknown()),
    raw_attributes: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "Profile" });

const oauthError = z
  .object({ error: z.string().meta({ example: "invalid_grant" }), error_description: z.string() })
  .meta({ id: "OAuthError", description: "An RFC 6749 error." });

const tag = "SSO";

registerOperation({
  method: "get",
  path: "/sso/authorize",
  route: "/sso/authorize",
  operationId: "authorize",
  summary: "Start an SSO sign-in",
  description:
    "Sends the browser to the IdP of the connection chosen by `connection`, `organization` or `domain`. `redirect_uri` must be one of the SSO callback URLs in the Redirects settings; until it is known to be, errors are answered here as JSON, afterwards they go back to it as `error` and `error_description`.",
  tag,
  security: "none",
  query: authorizeParamsSchema.omit({ provider_scopes: true }).extend({ provider_scopes: z.string().max(4000).optional() }),
  responses: {
    200: { description: "An auto-posting form to the IdP (HTTP-POST binding).", contentType: "text/html" },
    303: { description: "To the IdP (HTTP-Redirect binding), or back to `redirect_uri` with an OAuth error.", headers: { Location: "Where to go." } },
    400: { description: "No connection could be chosen.", schema: errorSchema },
    404: { description: "The connection does not exist.", schema: errorSchema },
    422: { description: "`client_id` or `redirect_uri` is missing, wrong or not allowed.", schema: validationErrorSchema },
  },
  example: {
    query: {
      client_id: exampleIds.clientId,
      redirect_uri: "https://app.example.com/sso/callback",
      response_type: "code",
      organization: exampleIds.organization,
      state: "af0ifjsldkj",
    },
  },
  node: `const url = workos.sso.getAuthorizationUrl({
  clientId: "${exampleIds.clientId}",
  redirectUri: "https://app.example.com/sso/callback",
  organization: "${exampleIds.organization}",
  state: "af0ifjsldkj",
});`,
});

registerOperation({
  method: "post",
  path: "/sso/token",
  route: "/sso/token",
  operationId: "getProfileAndToken",
  summary: "Exchange a sign-in's code for the profile",
  description: "The one-time `code` from the redirect, with an API key as `client_secret` (or the PKCE `code_verifier`).",
  tag,
  security: "none",
  body: tokenRequestSchema,
  bodyContentType: "application/x-www-form-urlencoded",
  responses: {
    200: { description: "The access token and the signed-in user's profile.", schema: z.object({ access_token: z.string(), profile: profileWire }) },
    400: { description: "The code is unknown, spent or expired, or a parameter is wrong.", schema: oauthError },
    401: { description: "The client is not recognised.", schema: oauthError },
  },
  example: {
    body: {
      client_id: exampleIds.clientId,
      client_secret: exampleIds.apiKey,
      grant_type: "authorization_code",
      code: "01E2RJ4C05B52KKZ8FSRDAP23J",
    },
  },
  node: `const { profile, accessToken } = await workos.sso.getProfileAndToken({
  code: "01E2RJ4C05B52KKZ8FSRDAP23J",
  clientId: "${exampleIds.clientId}",
});`,
});

registerOperation({
  method: "get",
  path: "/sso/profile",
  route: "/sso/profile",
  operationId: "getProfile",
  summary: "Get the profile of an access token",
  tag,
  security: "accessToken",
  responses: {
    200: { description: "The profile.", schema: profileWire },
    401: { description: "The access token is invalid or expired.", schema: errorSchema },
  },
  example: {},
  node: `const profile = await workos.sso.getProfile({ accessToken: "01DMEK0J53CVMC32CK5SE0KZ8Q" });`,
});
