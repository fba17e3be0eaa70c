import { z } from "zod";
import { apiErrors } from "../common";
import { registerOperation } from "../registry";

const redirectUris = z.object({ redirect_uris: z.array(z.string()).meta({ example: ["https://app.example.com/sso/callback"] }) }).meta({ id: "RedirectUris" });

const tag = "SSO";
const description =
  "Portico extension: the SSO callback URLs `/sso/authorize` accepts as `redirect_uri`, the same list as the dashboard's Redirects page (also set by `npm run portico -- set-redirect-uris`).";

registerOperation({
  method: "get",
  path: "/redirect_uris",
  route: "/redirect_uris",
  operationId: "listRedirectUris",
  summary: "List the SSO callback URLs",
  description,
  tag,
  security: "apiKey",
  extension: true,
  responses: { 200: { description: "The allowed callback URLs.", schema: redirectUris }, ...apiErrors },
  example: {},
});

registerOperation({
  method: "put",
  path: "/redirect_uris",
  route: "/redirect_uris",
  operationId: "setRedirectUris",
  summary: "Replace the SSO callback URLs",
  description: `${description} The whole list is replaced, under the Redirects page's rules; a bad URL is named by its place.`,
  tag,
  security: "apiKey",
  extension: true,
  body: redirectUris,
  responses: { 200: { description: "The list as stored.", schema: redirectUris }, ...apiErrors },
  example: { body: { redirect_uris: ["https://app.example.com/sso/callback"] } },
});
