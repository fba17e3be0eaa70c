import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { portalIntents, type PortalIntent } from "@/db/schema";
import { ValidationError, type FieldError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { getOrCreateSetting, putSetting } from "./store";
import { checkRedirectUrl } from "./redirect-url";
import { parseInput } from "@/server/services/validate";

interface RedirectSettings {
  defaultReturnUrl: string | null;
  successUrls: Partial<Record<PortalIntent, string>>;
  ssoCallbackUrls: string[];
}

const empty: RedirectSettings = { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [] };

export const redirectSettingsSchema = z.object({
  defaultReturnUrl: z.string().nullable(),
  successUrls: z.partialRecord(z.enum(portalIntents), z.string()),
  ssoCallbackUrls: z.array(z.string()).max(50, "at most 50 callback URLs"),
});

export function getRedirectSettings(db: DbOrTx): Promise<RedirectSettings> {
  return getOrCreateSetting(db, "redirects", () => empty);
}

/** Checks every URL and names each bad one by its field (`successUrls.sso`, `ssoCallbackUrls.2`). */
export async function updateRedirectSettings(ctx: ServiceContext, input: z.input<typeof redirectSettingsSchema>): Promise<RedirectSettings> {
  requireRole(ctx, "admin");
  const parsed = redirectSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join("."), code: "invalid", message: i.message })));
  const errors: FieldError[] = [];
  const check = (field: string, value: string) => {
    const result = checkRedirectUrl(value);
    if (result.ok) return result.url;
    errors.push({ field, code: `url_${result.problem}`, message: result.message });
    return value;
  };
  const blank = (v: string | null | undefined) => !v?.trim();
  const settings: RedirectSettings = {
    defaultReturnUrl: blank(parsed.data.defaultReturnUrl) ? null : check("defaultReturnUrl", parsed.data.defaultReturnUrl!),
    successUrls: Object.fromEntries(
      Object.entries(parsed.data.successUrls)
        .filter(([, v]) => !blank(v))
        .map(([intent, v]) => [intent, check(`successUrls.${intent}`, v!)]),
    ),
    ssoCallbackUrls: parsed.data.ssoCallbackUrls.filter((v) => !blank(v)).map((v, i) => check(`ssoCallbackUrls.${i}`, v)),
  };
  if (errors.length) throw new ValidationError(errors);
  return putSetting(ctx.db, "redirects", settings);
}

/** The SSO callback URLs `/sso/authorize` accepts (`GET /redirect_uris`). Staff of any role and API keys may read them. */
export async function listSsoCallbackUrls(ctx: ServiceContext): Promise<string[]> {
  requireRole(ctx, "viewer");
  return (await getRedirectSettings(ctx.db)).ssoCallbackUrls;
}

const callbackUrlsSchema = z.object({ redirectUris: z.array(z.string(), { error: "must be an array of URLs" }) });

/**
 * Replaces the SSO callback URLs (`PUT /redirect_uris`, the CLI's `set-redirect-uris`) under the Redirects
 * page's rules; the other redirect settings stay. Each bad URL is named by its place (`redirectUris.2`).
 */
export async function setSsoCallbackUrls(ctx: ServiceContext, input: { redirectUris: unknown }): Promise<string[]> {
  requireRole(ctx, "admin");
  const { redirectUris } = parseInput(callbackUrlsSchema, input);
  const current = await getRedirectSettings(ctx.db);
  try {
    return (await updateRedirectSettings(ctx, { ...current, ssoCallbackUrls: redirectUris })).ssoCallbackUrls;
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(error.errors.map((e) => ({ ...e, field: e.field.replace(/^ssoCallbackUrls/, "redirectUris") })));
  }
}
