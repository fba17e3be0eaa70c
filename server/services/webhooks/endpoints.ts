import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { webhookEndpoints, type WebhookEndpointRow } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/server/crypto/secrets";
import { NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { listParamsSchema, paginate, type Page } from "@/server/services/pagination";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";
import { parseInput } from "@/server/services/validate";
import { eventNames } from "@/server/wire/events";
import { webhookEndpointToWire, type WebhookEndpointWire } from "@/server/wire/webhooks";

const SECRET_PURPOSE = "webhook-endpoint-secret";
/** How long a rotated-out secret keeps signing beside the new one. */
const SECRET_OVERLAP_MS = 24 * 60 * 60_000;

const endpointUrlSchema = z.string({ error: "endpoint_url is required" }).transform((value, ctx) => {
  const checked = checkRedirectUrl(value);
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: `endpoint_url ${checked.message}` });
    return z.NEVER;
  }
  return checked.url;
});
const eventsSchema = z
  .array(z.enum(eventNames, { error: (issue) => `'${String(issue.input)}' is not an event Portico sends` }), { error: "events must be a list of event names" })
  .min(1, "choose at least one event")
  .transform((list) => [...new Set(list)]);

export const createEndpointSchema = z.object({ endpointUrl: endpointUrlSchema, events: eventsSchema });
export const updateEndpointSchema = z.object({
  endpointUrl: endpointUrlSchema.optional(),
  events: eventsSchema.optional(),
  status: z.enum(["enabled", "disabled"], { error: "status must be 'enabled' or 'disabled'" }).optional(),
});

function newSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

function sealedSecret(secret: string) {
  return { secretEncrypted: encryptSecret(secret, SECRET_PURPOSE), secretSuffix: secret.slice(-4) };
}

/** The secrets a delivery is signed with now: the current one first, then one rotated out less than a day ago. */
export function signingSecrets(row: WebhookEndpointRow, now: Date): string[] {
  const secrets = [decryptSecret(row.secretEncrypted, SECRET_PURPOSE)];
  if (row.previousSecretEncrypted && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(row.previousSecretEncrypted, SECRET_PURPOSE));
  }
  return secrets;
}

export async function findEndpoint(db: DbOrTx, id: string, forUpdate = false): Promise<WebhookEndpointRow> {
  const query = db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) throw new NotFoundError("webhook endpoint", id);
  return row;
}

export async function listEndpoints(ctx: ServiceContext, input: z.input<typeof listParamsSchema>): Promise<Page<WebhookEndpointWire>> {
  requireRole(ctx, "viewer");
  const params = parseInput(listParamsSchema, input);
  const page = await paginate(webhookEndpoints.id, params, undefined, (w, orderBy, limit) =>
    ctx.db.select().from(webhookEndpoints).where(w).orderBy(orderBy).limit(limit),
  );
  return { data: page.data.map((row) => webhookEndpointToWire(row)), listMetadata: page.listMetadata };
}

/** Creates an endpoint; the answer carries the signing secret in full, the only time it is shown. */
export async function createEndpoint(ctx: ServiceContext, input: z.input<typeof createEndpointSchema>): Promise<WebhookEndpointWire> {
  requireRole(ctx, "admin");
  const data = parseInput(createEndpointSchema, input);
  const secret = newSecret();
  const now = nowOf(ctx);
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({ id: newId("we"), endpointUrl: data.endpointUrl, events: data.events, status: "enabled", ...sealedSecret(secret), createdAt: now, updatedAt: now })
    .returning();
  return webhookEndpointToWire(row!, secret);
}

export async function updateEndpoint(ctx: ServiceContext, id: string, input: z.input<typeof updateEndpointSchema>): Promise<WebhookEndpointWire> {
  requireRole(ctx, "admin");
  const data = parseInput(updateEndpointSchema, input);
  const row = await findEndpoint(ctx.db, id);
  const [updated] = await ctx.db
    .update(webhookEndpoints)
    .set({
      ...(data.endpointUrl !== undefined ? { endpointUrl: data.endpointUrl } : {}),
      ...(data.events !== undefined ? { events: data.events } : {}),
      // Switching an endpoint back on starts its failure count afresh.
      ...(data.status !== undefined ? { status: data.status, disabledReason: null, ...(data.status === "enabled" ? { failingSince: null } : {}) } : {}),
      updatedAt: nowOf(ctx),
    })
    .where(eq(webhookEndpoints.id, row.id))
    .returning();
  return webhookEndpointToWire(updated!);
}

export async function deleteEndpoint(ctx: ServiceContext, id: string): Promise<void> {
  requireRole(ctx, "admin");
  const deleted = await ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (deleted.length === 0) throw new NotFoundError("webhook endpoint", id);
}

/** A new secret, shown once; the old one keeps signing (as a second `v1`) for 24 hours. */
export async function rotateEndpointSecret(ctx: ServiceContext, id: string): Promise<WebhookEndpointWire> {
  requireRole(ctx, "admin");
  const now = nowOf(ctx);
  const secret = newSecret();
  return ctx.db.transaction(async (tx) => {
    const row = await findEndpoint(tx, id, true);
    const [updated] = await tx
      .update(webhookEndpoints)
      .set({
        ...sealedSecret(secret),
        previousSecretEncrypted: row.secretEncrypted,
        previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return webhookEndpointToWire(updated!, secret);
  });
}
