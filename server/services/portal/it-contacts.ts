import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { itContacts } from "@/db/schema";
import { ConflictError, NotFoundError } from "@/server/errors";
import { newId } from "@/server/ids";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { isUniqueViolation } from "@/server/services/pg-errors";
import { listParamsSchema, paginate } from "@/server/services/pagination";
import { emailSchema } from "@/server/services/staff/schemas";
import { parseInput } from "@/server/services/validate";
import { intentListSchema } from "./intents";
import { createSetupLink, revokeSetupLink } from "./setup-links";

interface ItContact {
  object: "it_contact";
  id: string;
  email: string;
  created_at: string;
  updated_at: string;
}

/** `POST /organizations/:id/it_contacts` and `.../invite` bodies (wire names). */
export const createItContactBody = z.object({ email: emailSchema });
export const inviteItContactBody = z.object({ intents: intentListSchema });

function toWire(row: typeof itContacts.$inferSelect): ItContact {
  return { object: "it_contact", id: row.id, email: row.email, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() };
}

async function findContact(ctx: ServiceContext, organizationId: string, contactId: string) {
  await findOrganizationRow(ctx.db, organizationId);
  // Scoped by organization: another organization's contact answers "not found".
  const [row] = await ctx.db
    .select()
    .from(itContacts)
    .where(and(eq(itContacts.organizationId, organizationId), eq(itContacts.id, contactId)));
  if (!row) throw new NotFoundError("IT contact", contactId);
  return row;
}

export async function createItContact(ctx: ServiceContext, organizationId: string, input: { email?: unknown }): Promise<ItContact> {
  requireRole(ctx, "admin");
  const { email } = parseInput(createItContactBody, input);
  await findOrganizationRow(ctx.db, organizationId);
  const now = nowOf(ctx);
  try {
    const [row] = await ctx.db
      .insert(itContacts)
      .values({ id: newId("it_contact"), organizationId, email, createdAt: now, updatedAt: now })
      .returning();
    return toWire(row!);
  } catch (error) {
    if (isUniqueViolation(error, "it_contacts_organization_id_email_idx")) {
      throw new ConflictError("it_contact_exists", `${email} is already an IT contact of this organization.`);
    }
    throw error;
  }
}

export async function listItContacts(ctx: ServiceContext, organizationId: string, params: z.input<typeof listParamsSchema> = {}) {
  await findOrganizationRow(ctx.db, organizationId);
  const parsed = parseInput(listParamsSchema, params);
  const page = await paginate(itContacts.id, parsed, eq(itContacts.organizationId, organizationId), (where, orderBy, limit) =>
    ctx.db.select().from(itContacts).where(where).orderBy(orderBy).limit(limit),
  );
  return { data: page.data.map(toWire), listMetadata: page.listMetadata };
}

export async function deleteItContact(ctx: ServiceContext, organizationId: string, contactId: string): Promise<void> {
  requireRole(ctx, "admin");
  const contact = await findContact(ctx, organizationId, contactId);
  await ctx.db.delete(itContacts).where(and(eq(itContacts.organizationId, organizationId), eq(itContacts.id, contact.id)));
}

/** Emails the contact a setup link for the intents, under the one-active-link rule. */
export async function inviteItContact(ctx: ServiceContext, organizationId: string, contactId: string, input: { intents?: unknown }) {
  requireRole(ctx, "admin");
  const { intents } = parseInput(inviteItContactBody, input);
  const contact = await findContact(ctx, organizationId, contactId);
  const { link } = await createSetupLink(ctx, { organizationId, intents, email: contact.email, itContactId: contact.id });
  return link;
}

/** Revokes the active setup link that was sent to this contact. */
export async function revokeItContactInvitation(ctx: ServiceContext, organizationId: string, contactId: string) {
  requireRole(ctx, "admin");
  const contact = await findContact(ctx, organizationId, contactId);
  return revokeSetupLink(ctx, organizationId, { itContactId: contact.id });
}
