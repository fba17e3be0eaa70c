import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { mailMessages, portalLinks, portalSessions } from "@/db/schema";
import { resetEncryptionKeyForTests } from "@/server/crypto/secrets";
import { resetEnvForTests } from "@/server/env";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "@/server/errors";
import type { ServiceContext } from "@/server/services/context";
import { runRetention } from "@/server/services/jobs/retention";
import { listOutbox, MailDeliveryError } from "@/server/services/mail";
import { createOrganization } from "@/server/services/organizations";
import {
  completePortalIntent,
  createItContact,
  createSetupLink,
  deleteItContact,
  exchangePortalLink,
  generatePortalLink,
  getActiveSetupLink,
  intentStatuses,
  inviteItContact,
  listItContacts,
  markIntentStarted,
  resolvePortalSession,
  revokeItContactInvitation,
  revokeSetupLink,
} from "@/server/services/portal";
import { LINK_EXCHANGES_PER_MINUTE } from "@/server/services/portal/sessions";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { linksIn, plainText, startSmtpServer } from "../support/smtp";
import { publicContext } from "@/server/services/context";

let handle: DbHandle;
let admin: ServiceContext;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter % 250}`;
const tokenOf = (url: string) => url.split("/portal/launch/")[1]!;
const at = (ctx: ServiceContext, now: Date): ServiceContext => ({ ...ctx, now: () => now });

beforeAll(async () => {
  handle = await createTestDb();
  admin = await asStaff(handle.db, "admin");
});
afterAll(async () => {
  await handle?.close();
});

async function newOrganization(name = "Acme") {
  return createOrganization(admin, { name });
}

describe("setup links (Invite admin)", () => {
  it("allows one active setup link per organization, and a new one once it is revoked", async () => {
    const org = await newOrganization();
    const first = await createSetupLink(admin, { organizationId: org.id, intents: ["sso", "dsync"] });
    expect(first.url).toMatch(/\/portal\/launch\/[A-Za-z0-9_-]{43}$/);
    expect(first.link.expiresAt.getTime() - first.link.createdAt.getTime()).toBe(30 * 86_400_000);
    await expect(createSetupLink(admin, { organizationId: org.id, intents: ["sso"] })).rejects.toBeInstanceOf(ConflictError);
    expect((await getActiveSetupLink(admin, org.id))?.id).toBe(first.link.id);
    await revokeSetupLink(admin, org.id);
    expect(await getActiveSetupLink(admin, org.id)).toBeNull();
    await createSetupLink(admin, { organizationId: org.id, intents: ["sso"] });
  });

  it("lets exactly one of several concurrent creates win", async () => {
    const org = await newOrganization("Racers");
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => createSetupLink(admin, { organizationId: org.id, intents: ["sso"] })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) expect(r.reason).toBeInstanceOf(ConflictError);
    expect(await handle.db.select().from(portalLinks).where(eq(portalLinks.organizationId, org.id))).toHaveLength(1);
  });

  it("stores only the SHA-256 of link and session tokens", async () => {
    const org = await newOrganization("Hashes");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["sso"] });
    const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() });
    if (!exchanged.ok) throw new Error(exchanged.reason);
    const dump = JSON.stringify([await handle.db.select().from(portalLinks), await handle.db.select().from(portalSessions)]);
    expect(dump).not.toContain(tokenOf(url));
    expect(dump).not.toContain(exchanged.sessionToken);
  });

  it("opens repeatedly while active, and ends its sessions at once when revoked", async () => {
    const org = await newOrganization("Revoked Inc");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["domain_verification"] });
    const one = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() });
    const two = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() });
    if (!one.ok || !two.ok) throw new Error("expected both exchanges to work");
    const session = await resolvePortalSession(handle.db, one.sessionToken);
    expect(session).toMatchObject({ ok: true, session: { organizationId: org.id, organizationName: "Revoked Inc", intents: ["domain_verification"] } });
    await revokeSetupLink(admin, org.id);
    expect(await resolvePortalSession(handle.db, one.sessionToken)).toEqual({ ok: false, reason: "revoked" });
    expect(await resolvePortalSession(handle.db, two.sessionToken)).toEqual({ ok: false, reason: "revoked" });
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "revoked",
    });
  });

  it("expires after 30 days, after which a new link may be made", async () => {
    const org = await newOrganization("Slow Co");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["sso"] });
    const later = new Date(Date.now() + 30 * 86_400_000 + 1000);
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() }, later)).toEqual({
      ok: false,
      reason: "expired",
    });
    await createSetupLink(at(admin, later), { organizationId: org.id, intents: ["sso"] });
  });

  it("is revoked automatically once every feature it was made for is complete", async () => {
    const org = await newOrganization("Finishers");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["sso", "dsync"] });
    const opened = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() });
    if (!opened.ok) throw new Error(opened.reason);
    // A stand-in for the SSO and Directory Sync features reporting completion.
    expect(await handle.db.transaction((tx) => completePortalIntent(tx, org.id, "sso"))).toEqual({ setupLinkRevoked: false });
    expect(await intentStatuses(handle.db, org.id, ["sso", "dsync"])).toEqual({ sso: "complete", dsync: "not_started" });
    expect((await resolvePortalSession(handle.db, opened.sessionToken)).ok).toBe(true);
    expect(await handle.db.transaction((tx) => completePortalIntent(tx, org.id, "dsync"))).toEqual({ setupLinkRevoked: true });
    expect(await getActiveSetupLink(admin, org.id)).toBeNull();
    // The session already open goes on to the success screen; the link itself opens no new ones.
    expect((await resolvePortalSession(handle.db, opened.sessionToken)).ok).toBe(true);
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "completed",
    });
  });

  it("tells staff where each feature of the active link stands and since when", async () => {
    const org = await newOrganization("Halfway There");
    await createSetupLink(admin, { organizationId: org.id, intents: ["domain_verification", "sso", "dsync"] });
    const started = new Date("2026-11-02T10:00:00Z");
    const finished = new Date("2026-11-03T11:00:00Z");
    await markIntentStarted(handle.db, org.id, "sso", started);
    await handle.db.transaction((tx) => completePortalIntent(tx, org.id, "dsync", finished));
    const link = await getActiveSetupLink(admin, org.id);
    expect(link?.progress).toEqual([
      { intent: "domain_verification", status: "not_started", changedAt: null },
      { intent: "sso", status: "in_progress", changedAt: started },
      { intent: "dsync", status: "complete", changedAt: finished },
    ]);
  });

  it("keeps the IT admin's open session when the directory's first sync completes a Directory Sync-only link", async () => {
    const org = await newOrganization("Mid Walkthrough");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["dsync"] });
    const opened = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() });
    if (!opened.ok) throw new Error(opened.reason);
    expect(await handle.db.transaction((tx) => completePortalIntent(tx, org.id, "dsync"))).toEqual({ setupLinkRevoked: true });
    const resolved = await resolvePortalSession(handle.db, opened.sessionToken);
    expect(resolved.ok && resolved.session.intents).toEqual(["dsync"]);
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(url), clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "completed",
    });
  });

  it("refuses unknown organizations, no features, unknown features, and viewers", async () => {
    await expect(createSetupLink(admin, { organizationId: "org_missing", intents: ["sso"] })).rejects.toBeInstanceOf(NotFoundError);
    const org = await newOrganization("Picky");
    await expect(createSetupLink(admin, { organizationId: org.id, intents: [] })).rejects.toBeInstanceOf(ValidationError);
    await expect(createSetupLink(admin, { organizationId: org.id, intents: ["teleport" as never] })).rejects.toBeInstanceOf(ValidationError);
    await expect(createSetupLink(await asStaff(handle.db, "viewer"), { organizationId: org.id, intents: ["sso"] })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("API portal links", () => {
  it("open exactly once, and not after five minutes", async () => {
    const org = await newOrganization("Api Co");
    const { link } = await generatePortalLink(admin, { organization: org.id, intent: "sso" });
    const first = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(link), clientIp: freshIp() });
    expect(first.ok).toBe(true);
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(link), clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "used",
    });

    const old = await generatePortalLink(admin, { organization: org.id, intent: "dsync" });
    const sixMinutesLater = new Date(Date.now() + 6 * 60_000);
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(old.link), clientIp: freshIp() }, sixMinutesLater)).toEqual({
      ok: false,
      reason: "expired",
    });
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: "A".repeat(43), clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: "../../etc", clientIp: freshIp() })).toEqual({
      ok: false,
      reason: "unknown",
    });
  });

  it("yields one session when the same link is opened twice at once", async () => {
    const org = await newOrganization("Double Click");
    const { link } = await generatePortalLink(admin, { organization: org.id, intent: "audit_logs" });
    const results = await Promise.all(
      [1, 2, 3].map(() => exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(link), clientIp: freshIp() })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("names the bad field: unknown intent, bring_your_own_key, unsafe redirect URLs", async () => {
    const org = await newOrganization("Validation");
    const field = async (input: Parameters<typeof generatePortalLink>[1]) => {
      const error = await generatePortalLink(admin, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).errors.map((e) => `${e.field}:${e.code}`);
    };
    expect(await field({ organization: org.id, intent: "teleport" })).toEqual(["intent:intent_invalid"]);
    expect(await field({ organization: org.id, intent: "bring_your_own_key" })).toEqual(["intent:intent_invalid"]);
    expect(await field({ organization: org.id, intent: "sso", returnUrl: "http://app.example.com" })).toEqual(["returnUrl:return_url_not_https"]);
    expect(await field({ organization: org.id, intent: "sso", successUrl: "javascript:alert(1)" })).toEqual(["successUrl:success_url_not_https"]);
    expect(await field({ organization: org.id, intent: "sso", returnUrl: "/relative/path" })).toEqual(["returnUrl:return_url_invalid"]);
    expect(await field({ organization: org.id, intent: "sso", returnUrl: "" })).toEqual(["returnUrl:return_url_missing"]);
    await expect(generatePortalLink(admin, { organization: "org_missing", intent: "sso" })).rejects.toBeInstanceOf(NotFoundError);
    const ok = await generatePortalLink(admin, { organization: org.id, intent: "directory_sync", returnUrl: "https://app.example.com/settings" });
    const session = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: tokenOf(ok.link), clientIp: freshIp() });
    if (!session.ok) throw new Error(session.reason);
    expect(await resolvePortalSession(handle.db, session.sessionToken)).toMatchObject({
      ok: true,
      session: { intents: ["dsync"], returnUrl: "https://app.example.com/settings" },
    });
  });

  it("rate limits link exchanges per address", async () => {
    const ip = "203.0.113.250";
    for (let i = 0; i < LINK_EXCHANGES_PER_MINUTE; i++)
      await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: "B".repeat(43), clientIp: ip });
    await expect(exchangePortalLink(publicContext(handle.db, "portal-link"), { token: "B".repeat(43), clientIp: ip })).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("redirect URLs", () => {
  it.each([
    ["https://app.example.com/back", true, false],
    ["http://app.example.com/back", false, true],
    ["http://localhost:3000/back", false, false],
    ["http://localhost:3000/back", true, true],
    ["javascript:alert(document.cookie)", false, true],
    ["data:text/html,hi", false, true],
    ["//evil.example.com", false, true],
    ["/relative", false, true],
    ["https://user:pass@app.example.com", false, true],
    ["", false, true],
  ])("%s → ok=%s (local http allowed: %s)", (url, expected, allowLocalHttp) => {
    expect(checkRedirectUrl(url, { allowLocalHttp }).ok).toBe(expected && (allowLocalHttp || url.startsWith("https")));
  });

  it("saves redirect settings only when every URL is safe, naming each bad one", async () => {
    const error = await updateRedirectSettings(admin, {
      defaultReturnUrl: "https://app.example.com",
      successUrls: { sso: "ftp://files.example.com", dsync: "https://app.example.com/dsync" },
      ssoCallbackUrls: ["https://app.example.com/callback", "javascript:void(0)"],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.field)).toEqual(["successUrls.sso", "ssoCallbackUrls.1"]);
    const saved = await updateRedirectSettings(admin, {
      defaultReturnUrl: "https://app.example.com",
      successUrls: { sso: "https://app.example.com/sso-done" },
      ssoCallbackUrls: ["https://app.example.com/callback"],
    });
    expect(saved.successUrls).toEqual({ sso: "https://app.example.com/sso-done" });
  });
});

describe("IT contacts", () => {
  it("creates, lists, invites once, revokes and deletes, scoped to their organization", async () => {
    const org = await newOrganization("Contacts Co");
    const other = await newOrganization("Other Co");
    const contact = await createItContact(admin, org.id, { email: "it.admin@contacts.example.com" });
    expect(contact).toMatchObject({ object: "it_contact", email: "it.admin@contacts.example.com" });
    await expect(createItContact(admin, org.id, { email: "IT.Admin@contacts.example.com" })).rejects.toBeInstanceOf(ConflictError);
    expect((await listItContacts(admin, org.id)).data.map((c) => c.id)).toEqual([contact.id]);
    expect((await listItContacts(admin, other.id)).data).toEqual([]);

    const link = await inviteItContact(admin, org.id, contact.id, { intents: ["sso", "directory_sync"] });
    expect(link.intents).toEqual(["sso", "dsync"]);
    expect(link.sentTo).toBe("it.admin@contacts.example.com");
    const [mail] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, "it.admin@contacts.example.com"));
    expect(mail!.transport).toBe("outbox");
    expect(mail!.text).toContain("Contacts Co");
    await expect(inviteItContact(admin, org.id, contact.id, { intents: ["sso"] })).rejects.toBeInstanceOf(ConflictError);

    // Another organization's ids answer "not found".
    await expect(inviteItContact(admin, other.id, contact.id, { intents: ["sso"] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteItContact(admin, other.id, contact.id)).rejects.toBeInstanceOf(NotFoundError);

    await revokeItContactInvitation(admin, org.id, contact.id);
    expect(await getActiveSetupLink(admin, org.id)).toBeNull();
    await deleteItContact(admin, org.id, contact.id);
    expect((await listItContacts(admin, org.id)).data).toEqual([]);
  });
});

describe("setup link email over SMTP", () => {
  it("delivers the invitation through a real SMTP server, with inviter, link and lifetime", async () => {
    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    process.env.MAIL_FROM = "Portico <portal@vendor.example.com>";
    resetEnvForTests();
    try {
      const org = await newOrganization("Mailed Corp");
      const { url, delivery } = await createSetupLink(admin, {
        organizationId: org.id,
        intents: ["sso", "domain_verification"],
        email: "admin@mailed.example.com",
      });
      expect(delivery).toBe("smtp");
      expect(smtp.messages).toHaveLength(1);
      const [message] = smtp.messages;
      expect(message!.to).toEqual(["admin@mailed.example.com"]);
      const text = plainText(message!.raw);
      expect(text).toContain(admin.actor.type === "staff" ? admin.actor.email : "");
      expect(text).toContain("Mailed Corp");
      expect(text).toContain("Single Sign-On, Domain verification");
      expect(text).toContain("30 days");
      expect(linksIn(message!.raw)).toEqual([url]);
      // Delivered: the record keeps no link at all, not even encrypted, and the Outbox shows none.
      const [stored] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, "admin@mailed.example.com"));
      expect(stored).toMatchObject({ transport: "smtp", sealedLink: null });
      expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
      expect(stored!.text).toContain("Mailed Corp");
      const shown = (await listOutbox(admin)).find((m) => m.id === stored!.id);
      expect(shown!.text).not.toContain(tokenOf(url));
    } finally {
      await smtp.stop();
    }
  });

  it("revokes the link again when the email cannot be delivered, and says why", async () => {
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    resetEnvForTests();
    try {
      const org = await newOrganization("Unreachable");
      await expect(createSetupLink(admin, { organizationId: org.id, intents: ["sso"], email: "admin@unreachable.example.com" })).rejects.toBeInstanceOf(
        MailDeliveryError,
      );
      expect(await getActiveSetupLink(admin, org.id)).toBeNull();
      await createSetupLink(admin, { organizationId: org.id, intents: ["sso"] });
    } finally {
      delete process.env.SMTP_URL;
      delete process.env.MAIL_FROM;
      resetEnvForTests();
    }
  });
});

describe("stored mail holds no live link", () => {
  it("keeps an undelivered invitation without its link, and gives the link to owners and admins only while it is active", async () => {
    const org = await newOrganization("Outbox Co");
    const { url, delivery } = await createSetupLink(admin, { organizationId: org.id, intents: ["sso"], email: "it@outbox.example.com" });
    expect(delivery).toBe("outbox");
    const [stored] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, "it@outbox.example.com"));
    expect(stored!.text).toContain("Outbox Co");
    expect(JSON.stringify(stored)).not.toContain(tokenOf(url));
    const opened = async (ctx: ServiceContext) => (await listOutbox(ctx)).find((m) => m.id === stored!.id)!.text;
    expect(await opened(admin)).toContain(url);
    expect(await opened(await asStaff(handle.db, "owner"))).toContain(url);
    await expect(listOutbox(await asStaff(handle.db, "viewer"))).rejects.toBeInstanceOf(ForbiddenError);
    await revokeSetupLink(admin, org.id);
    expect(await opened(admin)).not.toContain(tokenOf(url));
  });

  it("shows a message whose link was sealed under an earlier ENCRYPTION_KEY without the link, instead of failing", async () => {
    const org = await newOrganization("Rotated Key Co");
    const { url } = await createSetupLink(admin, { organizationId: org.id, intents: ["sso"], email: "it@rotated.example.com" });
    const original = process.env.ENCRYPTION_KEY;
    process.env.ENCRYPTION_KEY = "cd".repeat(32);
    resetEnvForTests();
    resetEncryptionKeyForTests();
    try {
      const message = (await listOutbox(admin)).find((m) => m.to === "it@rotated.example.com")!;
      expect(message.text).toContain("Rotated Key Co");
      expect(message.text).not.toContain(tokenOf(url));
    } finally {
      process.env.ENCRYPTION_KEY = original;
      resetEnvForTests();
      resetEncryptionKeyForTests();
    }
  });

  it("seals links that an earlier version stored readable, in the retention job", async () => {
    const kept = await createSetupLink(admin, { organizationId: (await newOrganization("Legacy Outbox")).id, intents: ["sso"] });
    const delivered = await createSetupLink(admin, { organizationId: (await newOrganization("Legacy Smtp")).id, intents: ["sso"] });
    // Rows as they were written before links were kept out of stored mail.
    const legacy = (id: string, url: string, transport: "outbox" | "smtp") => ({
      id,
      to: `${id}@legacy.example.com`,
      subject: "Set up SSO",
      text: `Open this link to start:\n${url}\n`,
      html: `<a href="${url}">Start setup</a> ${url}`,
      transport,
    });
    await handle.db.insert(mailMessages).values([legacy("mail_legacy_outbox", kept.url, "outbox"), legacy("mail_legacy_smtp", delivered.url, "smtp")]);
    await runRetention(handle.db, {}, new Date());
    const rows = await handle.db.select().from(mailMessages).where(like(mailMessages.id, "mail_legacy_%"));
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain(tokenOf(kept.url));
    expect(JSON.stringify(rows)).not.toContain(tokenOf(delivered.url));
    const outbox = await listOutbox(admin);
    expect(outbox.find((m) => m.id === "mail_legacy_outbox")!.text).toContain(kept.url);
    expect(outbox.find((m) => m.id === "mail_legacy_smtp")!.text).not.toContain(tokenOf(delivered.url));
  });

  it("leaves no portal link readable anywhere in the mail table", async () => {
    const rows = await handle.db.select().from(mailMessages);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(rows)).not.toMatch(/portal\/launch\/[A-Za-z0-9_-]{20,}/);
  });
});
