import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { listSsoCallbackUrls, setSsoCallbackUrls } from "@/server/services/settings/redirects";

/** Portico extension: the SSO callback URLs `/sso/authorize` accepts, as on the dashboard's Redirects page. */
export const GET = apiRoute(async ({ ctx }) => ({ body: { redirect_uris: await listSsoCallbackUrls(ctx) } }));

/** Replaces the whole list: `{"redirect_uris": ["https://app.example.com/sso/callback"]}`. */
export const PUT = apiRoute(async ({ ctx, body }) => ({
  body: { redirect_uris: await setSsoCallbackUrls(ctx, { redirectUris: bodyObject(body).redirect_uris }) },
}));
