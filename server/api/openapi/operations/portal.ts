import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { generatePortalLinkSchema } from "@/server/services/portal/api-links";
import { apiErrors, notFound } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

export const generatePortalLinkWire = wireSchema(generatePortalLinkSchema).meta({ id: "GeneratePortalLink" });

registerOperation({
  method: "post",
  path: "/portal/generate_link",
  route: "/portal/generate_link",
  operationId: "generatePortalLink",
  summary: "Generate an Admin Portal link",
  description: "A link for one feature (`intent`), valid for five minutes and exchanged once.",
  tag: "Admin Portal",
  security: "apiKey",
  body: generatePortalLinkWire,
  responses: { 201: { description: "The link to send the IT admin to.", schema: z.object({ link: z.url() }) }, ...apiErrors, ...notFound },
  example: { body: { organization: exampleIds.organization, intent: "sso", return_url: "https://app.example.com/settings" } },
  node: `const { link } = await workos.portal.generateLink({
  organization: "${exampleIds.organization}",
  intent: GeneratePortalLinkIntent.SSO,
  returnUrl: "https://app.example.com/settings",
});`,
});
