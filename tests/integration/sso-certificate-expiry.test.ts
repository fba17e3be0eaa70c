import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { events, mailMessages } from "@/db/schema";
import { spMetadataXml } from "@/server/saml/sp-metadata";
import { createOrganization } from "@/server/services/organizations";
import { createItContact } from "@/server/services/portal/it-contacts";
import { createConnection, spIdentity } from "@/server/services/sso";
import { expiryStatus, runCertificateWatch } from "@/server/services/sso/certificate-expiry";
import { certificateExpiry, getSpKeyPair, rotateSpKeyIfDue } from "@/server/services/sso/sp-key";
import type { SamlCertificateRenewalRequiredData } from "@/server/wire/events";
import { apiContext, asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { makeKeyPair } from "../support/saml-idp";

const day = 86_400_000;
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

async function renewalRequired(connectionId: string) {
  const rows = await handle.db.select().from(events).where(eq(events.event, "connection.saml_certificate_renewal_required")).orderBy(asc(events.createdAt));
  return rows.map((r) => r.data as unknown as SamlCertificateRenewalRequiredData).filter((d) => d.connection.id === connectionId);
}

describe("the certificate expiry watch", () => {
  it("names the milestone reached, the nearest one when runs were missed, and each week after expiry", () => {
    const notAfter = new Date("2027-06-30T12:00:00Z");
    const at = (daysBefore: number) => expiryStatus(notAfter, new Date(notAfter.getTime() - daysBefore * day));
    expect(at(91)).toBeNull();
    expect(at(90)).toEqual({ milestone: "90_days", daysUntilExpiry: 90, isExpired: false });
    expect(at(45)).toEqual({ milestone: "60_days", daysUntilExpiry: 45, isExpired: false });
    expect(at(0.5)).toEqual({ milestone: "1_days", daysUntilExpiry: 1, isExpired: false });
    expect(at(0)).toEqual({ milestone: "expired_week_0", daysUntilExpiry: 0, isExpired: true });
    expect(at(-13)).toEqual({ milestone: "expired_week_1", daysUntilExpiry: -13, isExpired: true });
  });

  it("emits renewal_required for an IdP certificate at 90, 60, 30, 14, 7, 3 and 1 days and weekly after, once each, and emails the IT contacts and staff", async () => {
    const ctx = apiContext(handle.db);
    const organization = await createOrganization(ctx, { name: "Expiring Certs Inc" });
    await createItContact(ctx, organization.id, { email: "it-admin@expiring.example.com" });
    const admin = await asStaff(handle.db, "admin");
    const start = new Date("2027-01-01T09:00:00Z");
    const notAfter = new Date(start.getTime() + 100 * day);
    const key = await makeKeyPair("expiring.idp.test", { notBefore: new Date(start.getTime() - 300 * day), notAfter });
    const connection = await createConnection(ctx, {
      organizationId: organization.id,
      idpEntityId: "https://idp.expiring.example.com",
      ssoUrl: "https://idp.expiring.example.com/sso",
      x509Certificates: [key.certificate],
    });

    // Daily for 116 days, twice on some days (two instances, or a retry): each notice goes out once.
    for (let d = 0; d <= 115; d++) {
      const now = new Date(start.getTime() + d * day);
      await runCertificateWatch(handle.db, {}, now);
      if (d % 10 === 0) await runCertificateWatch(handle.db, {}, new Date(now.getTime() + 3600_000));
    }
    const sent = await renewalRequired(connection.id);
    expect(sent.map((e) => e.days_until_expiry)).toEqual([90, 60, 30, 14, 7, 3, 1, 0, -7, -14]);
    expect(sent.map((e) => e.certificate.is_expired)).toEqual([false, false, false, false, false, false, false, true, true, true]);
    expect(sent[0]).toEqual({
      connection: { id: connection.id, organization_id: organization.id },
      certificate: { certificate_type: "ResponseSigning", expiry_date: notAfter.toISOString(), is_expired: false },
      days_until_expiry: 90,
    });

    const mailsTo = (to: string) =>
      handle.db
        .select()
        .from(mailMessages)
        .where(and(eq(mailMessages.to, to)));
    const itMails = await mailsTo("it-admin@expiring.example.com");
    expect(itMails).toHaveLength(10);
    expect(itMails.map((m) => m.subject)).toContain(`SSO certificate expires in 30 days: ${connection.name}`);
    expect(await mailsTo(admin.actor.email)).toHaveLength(10);
  });

  it("stops warning once the connection also trusts a certificate that lasts", async () => {
    const ctx = apiContext(handle.db);
    const organization = await createOrganization(ctx, { name: "Renewed In Time Inc" });
    const start = new Date("2027-01-01T09:00:00Z");
    const [old, fresh] = await Promise.all([
      makeKeyPair("old.renewed.test", { notBefore: new Date(start.getTime() - 300 * day), notAfter: new Date(start.getTime() + 20 * day) }),
      makeKeyPair("new.renewed.test", { notBefore: new Date(start.getTime() - day), notAfter: new Date(start.getTime() + 800 * day) }),
    ]);
    const connection = await createConnection(ctx, {
      organizationId: organization.id,
      idpEntityId: "https://idp.renewed.example.com",
      ssoUrl: "https://idp.renewed.example.com/sso",
      x509Certificates: [old.certificate, fresh.certificate],
    });
    await runCertificateWatch(handle.db, {}, start);
    expect(await renewalRequired(connection.id)).toEqual([]);
  });
});

describe("Portico's own SP key", () => {
  it("warns of its expiry, then rotates ahead of it with both certificates published through the overlap", async () => {
    const ctx = apiContext(handle.db);
    const organization = await createOrganization(ctx, { name: "SP Rotation Inc" });
    const key = await makeKeyPair("sp-rotation.idp.test");
    const connection = await createConnection(ctx, {
      organizationId: organization.id,
      idpEntityId: "https://idp.sp-rotation.example.com",
      ssoUrl: "https://idp.sp-rotation.example.com/sso",
      x509Certificates: [key.certificate],
    });
    const first = await getSpKeyPair(handle.db);
    const expires = certificateExpiry(first.certificate);
    const ahead = (days: number) => new Date(expires.getTime() - days * day);

    await runCertificateWatch(handle.db, {}, ahead(89));
    const spNotices = (await renewalRequired(connection.id)).filter((e) => e.certificate.certificate_type === "RequestSigning");
    expect(spNotices).toEqual([
      {
        connection: { id: connection.id, organization_id: organization.id },
        certificate: { certificate_type: "RequestSigning", expiry_date: expires.toISOString(), is_expired: false },
        days_until_expiry: 89,
      },
    ]);

    expect((await rotateSpKeyIfDue(handle.db, ahead(70))).step).toBe("none");
    expect((await rotateSpKeyIfDue(handle.db, ahead(59))).step).toBe("prepared");
    const prepared = await spIdentity(handle.db, connection);
    expect(prepared.certificate).toBe(first.certificate);
    expect(prepared.published).toHaveLength(2);
    expect(spMetadataXml(prepared).match(/<ds:X509Certificate>/g)).toHaveLength(4);

    await runCertificateWatch(handle.db, {}, ahead(29));
    const switched = await spIdentity(handle.db, connection);
    expect(switched.certificate).not.toBe(first.certificate);
    expect(switched.privateKey).not.toBe(first.privateKey);
    expect(switched.published).toEqual([switched.certificate, first.certificate]);
    expect(switched.otherPrivateKeys).toEqual([first.privateKey]);
    const renewed = await handle.db
      .select()
      .from(events)
      .where(and(eq(events.event, "connection.saml_certificate_renewed"), eq(events.organizationId, organization.id)));
    expect(renewed.map((r) => r.data)).toEqual([
      {
        connection: { id: connection.id, organization_id: organization.id },
        certificate: { certificate_type: "RequestSigning", expiry_date: certificateExpiry(switched.certificate).toISOString() },
        renewed_at: ahead(29).toISOString(),
      },
    ]);

    expect((await rotateSpKeyIfDue(handle.db, new Date(expires.getTime() + day))).step).toBe("retired_previous");
    expect((await spIdentity(handle.db, connection)).published).toEqual([switched.certificate]);
  });
});
