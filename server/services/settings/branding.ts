import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { fieldErrorsFromZod, ValidationError } from "@/server/errors";
import { requireRole, type ServiceContext } from "@/server/services/context";
import { checkRedirectUrl } from "./redirect-url";
import { getOrCreateSetting, putSetting } from "./store";

export interface Branding {
  productName: string;
  /** An https URL or an uploaded image as a data: URL. */
  logoUrl: string | null;
  primaryColor: string;
}

const defaultBranding: Branding = { productName: "Portico", logoUrl: null, primaryColor: "#2f54d8" };

const MAX_LOGO_BYTES = 256 * 1024;
const DATA_IMAGE = /^data:image\/(png|jpeg|webp|gif|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

export const brandingSchema = z.object({
  productName: z.string().trim().min(1, "enter the product name").max(60, "at most 60 characters"),
  logoUrl: z
    .string()
    .trim()
    .nullable()
    .superRefine((value, ctx) => {
      if (!value) return;
      if (value.startsWith("data:")) {
        if (!DATA_IMAGE.test(value)) ctx.addIssue({ code: "custom", message: "upload a PNG, JPEG, WebP, GIF or SVG image" });
        else if (Math.floor((value.length - value.indexOf(",") - 1) * 0.75) > MAX_LOGO_BYTES)
          ctx.addIssue({ code: "custom", message: "the logo must be at most 256 KB" });
        return;
      }
      const checked = checkRedirectUrl(value, { allowLocalHttp: false });
      if (!checked.ok) ctx.addIssue({ code: "custom", message: `the logo URL ${checked.message}` });
    }),
  primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, "use a hex colour such as #2f54d8"),
});

export function getBranding(db: DbOrTx): Promise<Branding> {
  return getOrCreateSetting(db, "branding", () => defaultBranding);
}

export async function updateBranding(ctx: ServiceContext, input: z.input<typeof brandingSchema>): Promise<Branding> {
  requireRole(ctx, "admin");
  const parsed = brandingSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new ValidationError(fieldErrorsFromZod(parsed.error.issues));
  const branding: Branding = { ...parsed.data, logoUrl: parsed.data.logoUrl || null, primaryColor: parsed.data.primaryColor.toLowerCase() };
  return putSetting(ctx.db, "branding", branding);
}
