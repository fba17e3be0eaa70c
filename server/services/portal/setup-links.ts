import { eq } from "drizzle-orm";
import { recordOwnChange } from "@/server/services/audit-logs/own-changes";
import { z } from "zod";
import type { Db } from "@/db/client";
import { portalLinks } from "@/db/schema";
import { setupLinkEmail } from "@/server/mail/templates/setup-link";
import { ConflictError, NotFoundError } from "@/server/errors";
import { actorLabel } from "@/server/services/actor-label";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { sendMail } from "@/server/services/mail";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { isUniqueViolation } from "@/server/services/pg-errors";
import { getBranding } from "@/server/services/settings/branding";
import { emailSchema } from "@/server/services/staff/schemas";
import { parseInput } from "@/server/services/validate";
import { intentLabels, intentListSchema } from "./intents";
import { intentProgress, type IntentProgress } from "./progress";
import { activeSetupLink, insertPortalLink, linkView, portalLaunchUrl, revokeLink, SETUP_LINK_DAYS, type PortalLinkView } from "./links";

export const createSetupLinkSchema = z.object({
  organizationId: z.string().min(1).max(100),
  intents: intentListSchema,
  email: emailSchema.optional(),
  itContactId: z.string().max(100).optional(),
});

const activeConflict = () => new ConflictError("setup_link_active", "This organization already has an active setup link. Revoke it before creating a new one.");

/**
 * "Invite admin": one active setup link per organization, 30 days. The organization row is locked
 * while checking, and a partial unique index backs the rule if two requests still race.
 * With an email the link is sent; a link whose email fails is revoked again, so nothing half-made stays.
 */
export async function createSetupLink(
  ctx: ServiceContext,
  input: z.input<typeof createSetupLinkSchema>,
): Promise<{ link: PortalLinkView; url: string; emailed: boolean; delivery: "smtp" | "outbox" | null }> {
  requireRole(ctx, "admin");
  const data = parseInput(createSetupLinkSchema, input);
  const now = nowOf(ctx);
  let created: { row: Awaited<ReturnType<typeof insertPortalLink>>["row"]; token: string; organizationName: string };
  try {
    created = await ctx.db.transaction(async (tx) => {
      const organization = await findOrganizationRow(tx, data.organizationId, { forUpdate: true });
      if (await activeSetupLink(tx, organization.id, now)) throw activeConflict();
      const { row, token } = await insertPortalLink(tx, {
        organizationId: organization.id,
        kind: "setup",
        intents: data.intents,
        sentTo: data.email ?? null,
        itContactId: data.itContactId ?? null,
        createdBy: actorLabel(ctx),
        createdAt: now,
        expiresAt: new Date(now.getTime() + SETUP_LINK_DAYS * 86_400_000),
      });
      await recordOwnChange(tx, ctx, {
        organizationId: organization.id,
        action: "portico.setup_link.created",
        target: { id: row.id, type: "setup_link" },
        metadata: { intents: data.intents.join(","), ...(data.email ? { sent_to: data.email } : {}) },
      });
      return { row, token, organizationName: organization.name };
    });
  } catch (error) {
    if (isUniqueViolation(error, "portal_links_organization_id_active_setup_idx")) throw activeConflict();
    throw error;
  }
  const url = portalLaunchUrl(created.token);
  let delivery: "smtp" | "outbox" | null = null;
  if (data.email) {
    try {
      const branding = await getBranding(ctx.db);
      const inviter = ctx.actor.type === "staff" ? ctx.actor.email : `The ${branding.productName} team`;
      const sent = await sendMail(ctx.db, {
        to: data.email,
        ...setupLinkEmail({
          organizationName: created.organizationName,
          inviter,
          features: data.intents.map((i) => intentLabels[i]),
          url,
          expiresAt: created.row.expiresAt,
          branding,
        }),
        link: { url, portalLinkId: created.row.id },
      });
      delivery = sent.transport;
    } catch (error) {
      await ctx.db.transaction((tx) => revokeLink(tx, created.row.id, "revoked", nowOf(ctx)));
      throw error;
    }
  }
  // Without SMTP the message waits in the dev outbox; the dashboard says so instead of "sent".
  return { link: linkView(created.row), url, emailed: Boolean(data.email), delivery };
}

/** The organization's active setup link, with where each of its features stands and since when. */
export async function getActiveSetupLink(ctx: ServiceContext, organizationId: string): Promise<(PortalLinkView & { progress: IntentProgress[] }) | null> {
  await findOrganizationRow(ctx.db, organizationId);
  const row = await activeSetupLink(ctx.db, organizationId, nowOf(ctx));
  return row ? { ...linkView(row), progress: await intentProgress(ctx.db, organizationId, row.intents) } : null;
}

/** Revokes the organization's active setup link (optionally only if it belongs to one IT contact). */
export async function revokeSetupLink(ctx: ServiceContext, organizationId: string, options: { itContactId?: string } = {}): Promise<PortalLinkView> {
  requireRole(ctx, "admin");
  const now = nowOf(ctx);
  return (ctx.db as Db).transaction(async (tx) => {
    await findOrganizationRow(tx, organizationId, { forUpdate: true });
    const row = await activeSetupLink(tx, organizationId, now);
    if (!row || (options.itContactId && row.itContactId !== options.itContactId)) throw new NotFoundError("active setup link");
    await revokeLink(tx, row.id, "revoked", now);
    await recordOwnChange(tx, ctx, { organizationId, action: "portico.setup_link.revoked", target: { id: row.id, type: "setup_link" } });
    const [revoked] = await tx.select().from(portalLinks).where(eq(portalLinks.id, row.id));
    return linkView(revoked!);
  });
}
