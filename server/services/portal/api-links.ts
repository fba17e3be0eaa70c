import { z } from "zod";
import { ValidationError, type FieldError } from "@/server/errors";
import { actorLabel } from "@/server/services/actor-label";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";
import { parseInput } from "@/server/services/validate";
import { intentSchema } from "./intents";
import { API_LINK_MINUTES, insertPortalLink, portalLaunchUrl } from "./links";

export const generatePortalLinkSchema = z.object({
  organization: z.string({ error: "organization is required" }).min(1, "organization is required").max(100),
  intent: intentSchema,
  returnUrl: z.string().nullish(),
  successUrl: z.string().nullish(),
});

/** `POST /portal/generate_link`: one intent, five minutes, exchanged once, not revocable. */
export async function generatePortalLink(ctx: ServiceContext, input: z.input<typeof generatePortalLinkSchema>): Promise<{ link: string }> {
  requireRole(ctx, "admin");
  const data = parseInput(generatePortalLinkSchema, input);
  const errors: FieldError[] = [];
  const url = (field: "returnUrl" | "successUrl") => {
    const value = data[field];
    if (value === undefined || value === null) return null;
    const checked = checkRedirectUrl(value);
    if (checked.ok) return checked.url;
    errors.push({ field, code: `${field === "returnUrl" ? "return_url" : "success_url"}_${checked.problem}`, message: checked.message });
    return null;
  };
  const returnUrl = url("returnUrl");
  const successUrl = url("successUrl");
  if (errors.length) throw new ValidationError(errors);
  const organization = await findOrganizationRow(ctx.db, data.organization);
  const now = nowOf(ctx);
  const { token } = await insertPortalLink(ctx.db, {
    organizationId: organization.id,
    kind: "api",
    intents: [data.intent],
    createdBy: actorLabel(ctx),
    returnUrl,
    successUrl,
    createdAt: now,
    expiresAt: new Date(now.getTime() + API_LINK_MINUTES * 60_000),
  });
  return { link: portalLaunchUrl(token) };
}
