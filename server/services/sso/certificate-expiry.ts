import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { certificateExpiryNotices, connections, idpCertificates, itContacts, staff, type ConnectionRow } from "@/db/schema";
import { env } from "@/server/env";
import type { JobOutcome } from "@/server/jobs/runner";
import { certificateExpiryEmail } from "@/server/mail/templates/certificate-expiry";
import { logger } from "@/server/observability/logger";
import { oidcConnectionTypes } from "@/server/oidc/types";
import { certificateFingerprint } from "@/server/saml/signature";
import { recordEvent } from "@/server/services/events/record";
import { enqueueJob } from "@/server/services/jobs/queue";
import { sendMail } from "@/server/services/mail";
import type { SamlCertificateType } from "@/server/wire/events";
import { certificateExpiry, getSpKeyPair, rotateSpKeyIfDue } from "./sp-key";

export const CERTIFICATE_WATCH_JOB = "sso.certificates.watch";
const DAY_MS = 86_400_000;
const WATCH_EVERY_MS = 6 * 3600_000;
/** Days before expiry at which `renewal_required` is sent; after expiry, once a week until renewed. */
const EXPIRY_MILESTONES = [90, 60, 30, 14, 7, 3, 1] as const;
/** Certificates this close to expiry are flagged on the dashboard and in the portal. */
export const EXPIRY_WARNING_DAYS = 90;

interface ExpiryStatus {
  milestone: string;
  daysUntilExpiry: number;
  isExpired: boolean;
}

/**
 * Where a certificate stands: the milestone it has reached (the nearest of 90 … 1 days at or above the days
 * left, so a missed run sends the current one, not every one it skipped), or the week since it expired.
 * Null while more than 90 days are left.
 */
export function expiryStatus(notAfter: Date, now: Date): ExpiryStatus | null {
  const left = notAfter.getTime() - now.getTime();
  if (left <= 0) {
    const daysSince = Math.floor(-left / DAY_MS);
    return { milestone: `expired_week_${Math.floor(daysSince / 7)}`, daysUntilExpiry: daysSince === 0 ? 0 : -daysSince, isExpired: true };
  }
  const days = Math.ceil(left / DAY_MS);
  const reached = [...EXPIRY_MILESTONES].reverse().find((m) => days <= m);
  return reached === undefined ? null : { milestone: `${reached}_days`, daysUntilExpiry: days, isExpired: false };
}

/** One queued watch for the installation (the dedupe key), however many instances start. */
export function scheduleCertificateWatch(db: Db, runAt = new Date()): Promise<void> {
  return enqueueJob(db, { kind: CERTIFICATE_WATCH_JOB, payload: {}, runAt, dedupeKey: CERTIFICATE_WATCH_JOB });
}

/** Claims a notice; false when this certificate already had this milestone's notice (once each). */
async function claimNotice(tx: DbOrTx, scope: string, fingerprint: string, milestone: string, now: Date): Promise<boolean> {
  const rows = await tx
    .insert(certificateExpiryNotices)
    .values({ scope, fingerprintSha256: fingerprint, milestone, createdAt: now })
    .onConflictDoNothing()
    .returning({ scope: certificateExpiryNotices.scope });
  return rows.length === 1;
}

function renewalRequired(
  tx: DbOrTx,
  connection: Pick<ConnectionRow, "id" | "organizationId">,
  type: SamlCertificateType,
  notAfter: Date,
  status: ExpiryStatus,
  now: Date,
) {
  return recordEvent(
    tx,
    "connection.saml_certificate_renewal_required",
    {
      connection: { id: connection.id, organization_id: connection.organizationId },
      certificate: { certificate_type: type, expiry_date: notAfter.toISOString(), is_expired: status.isExpired },
      days_until_expiry: status.daysUntilExpiry,
    },
    connection.organizationId,
    now,
  );
}

interface Notice {
  organizationId: string | null;
  connectionName: string | null;
  subject: string;
  notAfter: Date;
  status: ExpiryStatus;
}

/**
 * The daily watch: each IdP signing certificate and Portico's own SP certificate, at each milestone, gets one
 * `connection.saml_certificate_renewal_required` per connection and one email to the organization's IT contacts
 * and the staff. Portico's own key is also rotated ahead of its expiry here.
 */
export async function runCertificateWatch(db: Db, _payload: Record<string, unknown>, now: Date): Promise<JobOutcome> {
  const notices: Notice[] = [];
  const rows = await db
    .select({ certificate: idpCertificates, connection: connections })
    .from(idpCertificates)
    .innerJoin(connections, and(eq(connections.organizationId, idpCertificates.organizationId), eq(connections.id, idpCertificates.connectionId)));
  const latest = new Map<string, number>();
  for (const { certificate } of rows) latest.set(certificate.connectionId, Math.max(latest.get(certificate.connectionId) ?? 0, certificate.notAfter.getTime()));
  for (const { certificate, connection } of rows) {
    const status = expiryStatus(certificate.notAfter, now);
    // Renewed already: the connection also trusts a certificate good for longer than the warning window.
    if (!status || (latest.get(connection.id) ?? 0) > now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS) continue;
    const sent = await db.transaction(async (tx) => {
      if (!(await claimNotice(tx, connection.id, certificate.fingerprintSha256, status.milestone, now))) return false;
      await renewalRequired(tx, connection, "ResponseSigning", certificate.notAfter, status, now);
      return true;
    });
    if (sent)
      notices.push({
        organizationId: connection.organizationId,
        connectionName: connection.name,
        subject: certificate.subject,
        notAfter: certificate.notAfter,
        status,
      });
  }
  await watchSpCertificate(db, now, notices);
  const rotation = await rotateSpKeyIfDue(db, now);
  if (rotation.step === "switched") await announceSpRenewal(db, rotation.certificate, now);
  for (const notice of notices) await mailNotice(db, notice);
  return { runAgainAt: new Date(now.getTime() + WATCH_EVERY_MS) };
}

/** Portico's own certificate signs every AuthnRequest: each SAML connection hears of its expiry. */
async function watchSpCertificate(db: Db, now: Date, notices: Notice[]): Promise<void> {
  const { certificate } = await getSpKeyPair(db);
  const notAfter = certificateExpiry(certificate);
  const status = expiryStatus(notAfter, now);
  if (!status) return;
  const sent = await db.transaction(async (tx) => {
    if (!(await claimNotice(tx, "sp", certificateFingerprint(certificate), status.milestone, now))) return false;
    for (const connection of await samlConnections(tx)) await renewalRequired(tx, connection, "RequestSigning", notAfter, status, now);
    return true;
  });
  if (sent) notices.push({ organizationId: null, connectionName: null, subject: "Portico's SAML service provider certificate", notAfter, status });
}

function samlConnections(tx: DbOrTx) {
  return tx
    .select({ id: connections.id, organizationId: connections.organizationId })
    .from(connections)
    .where(notInArray(connections.connectionType, [...oidcConnectionTypes]));
}

/** Portico switched to its next SP key: each SAML connection hears of the new request-signing certificate. */
async function announceSpRenewal(db: Db, certificate: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    for (const connection of await samlConnections(tx))
      await recordEvent(
        tx,
        "connection.saml_certificate_renewed",
        {
          connection: { id: connection.id, organization_id: connection.organizationId },
          certificate: { certificate_type: "RequestSigning", expiry_date: certificateExpiry(certificate).toISOString() },
          renewed_at: now.toISOString(),
        },
        connection.organizationId,
        now,
      );
  });
}

async function mailNotice(db: Db, notice: Notice): Promise<void> {
  const contacts = notice.organizationId
    ? await db.select({ email: itContacts.email }).from(itContacts).where(eq(itContacts.organizationId, notice.organizationId))
    : [];
  const team = await db
    .select({ email: staff.email })
    .from(staff)
    .where(inArray(staff.role, ["owner", "admin"]));
  const message = certificateExpiryEmail({ ...notice, dashboardUrl: `${env().publicUrl}/dashboard` });
  for (const { email } of [...contacts, ...team]) {
    await sendMail(db, { to: email, ...message }).catch((error: Error) => {
      logger().warn({ error: error.message }, "certificate expiry email not sent");
    });
  }
}
