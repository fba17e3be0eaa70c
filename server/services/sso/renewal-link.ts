import { and, asc, eq } from "drizzle-orm";
import { idpCertificates, itContacts } from "@/db/schema";
import { ValidationError } from "@/server/errors";
import { renewalLinkEmail } from "@/server/mail/templates/certificate-expiry";
import { nowOf, requireRole, type ServiceContext } from "@/server/services/context";
import { sendMail } from "@/server/services/mail";
import { findOrganizationRow } from "@/server/services/organizations/load";
import { createSetupLink } from "@/server/services/portal";
import { revokeLink } from "@/server/services/portal/links";
import { getBranding } from "@/server/services/settings/branding";
import { recordConnectionChange } from "./history";
import { findConnection } from "./load";
import { requireScope } from "@/server/services/scope";

/**
 * From a connection's page: a setup link for `certificate_renewal`, emailed to each of the organization's
 * IT contacts (under the one-active-setup-link rule). A link whose email fails is revoked again.
 */
export async function emailRenewalLink(ctx: ServiceContext, input: { organizationId: string; connectionId: string }) {
  requireRole(ctx, "admin");
  const organizationId = requireScope(ctx, { intent: "sso" }) ?? input.organizationId;
  const organization = await findOrganizationRow(ctx.db, organizationId);
  const connection = await findConnection(ctx.db, organization.id, input.connectionId);
  const contacts = await ctx.db
    .select({ email: itContacts.email })
    .from(itContacts)
    .where(eq(itContacts.organizationId, organization.id))
    .orderBy(asc(itContacts.email));
  if (contacts.length === 0)
    throw new ValidationError([
      {
        field: "itContacts",
        code: "it_contacts_missing",
        message: "this organization has no IT contact: add one (API: POST /organizations/:id/it_contacts) first",
      },
    ]);
  const certificates = await ctx.db
    .select({ notAfter: idpCertificates.notAfter })
    .from(idpCertificates)
    .where(and(eq(idpCertificates.organizationId, organization.id), eq(idpCertificates.connectionId, connection.id)));
  const expiresAt = certificates.length ? new Date(Math.max(...certificates.map((c) => c.notAfter.getTime()))) : null;
  const { link, url } = await createSetupLink(ctx, { organizationId: organization.id, intents: ["certificate_renewal"] });
  const branding = await getBranding(ctx.db);
  const message = renewalLinkEmail({ organizationName: organization.name, connectionName: connection.name, expiresAt, url, productName: branding.productName });
  let delivery: "smtp" | "outbox" = "outbox";
  try {
    for (const { email } of contacts) delivery = (await sendMail(ctx.db, { to: email, ...message, link: { url, portalLinkId: link.id } })).transport;
  } catch (error) {
    await ctx.db.transaction((tx) => revokeLink(tx, link.id, "revoked", nowOf(ctx)));
    throw error;
  }
  await ctx.db.transaction((tx) =>
    recordConnectionChange(tx, ctx, {
      organizationId: organization.id,
      connectionId: connection.id,
      connectionName: connection.name,
      kind: "renewal_link_sent",
      summary: `Certificate renewal link emailed to ${contacts.map((c) => c.email).join(", ")}`,
    }),
  );
  return { sentTo: contacts.map((c) => c.email), delivery, linkId: link.id };
}
