import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { auditLogEvents, events, jobs, organizationDomains } from "@/db/schema";
import { resetEnvForTests } from "@/server/env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/server/errors";
import { jobHandlers } from "@/server/jobs/handlers";
import { runDueJobs } from "@/server/jobs/runner";
import type { ServiceContext } from "@/server/services/context";
import { addDomain, getDomain, listDomains, removeDomain, restartVerification, verifyDomainManually, verifyDomainNow } from "@/server/services/domains";
import { createOrganization } from "@/server/services/organizations";
import { createSetupLink, exchangePortalLink, intentStatuses, resolvePortalSession } from "@/server/services/portal";
import { asStaff } from "../support/context";
import { createTestDb } from "../support/db";
import { startDnsServer } from "../support/dns";
import { publicContext } from "@/server/services/context";

let handle: DbHandle;
let admin: ServiceContext;
let dns: Awaited<ReturnType<typeof startDnsServer>>;

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = dns.server;
  process.env.DNS_TIMEOUT_MS = "800";
  resetEnvForTests();
  handle = await createTestDb();
  admin = await asStaff(handle.db, "admin");
});
afterAll(async () => {
  await handle?.close();
  await dns?.stop();
  delete process.env.DNS_SERVERS;
  delete process.env.DNS_TIMEOUT_MS;
  resetEnvForTests();
});

const publish = (d: { domain: string; verification_prefix?: string; verification_token?: string }, value = d.verification_token!) =>
  dns.records.set(`${d.verification_prefix}.${d.domain}`, [value]);

async function portalActor(organizationId: string): Promise<ServiceContext> {
  const { url } = await createSetupLink(admin, { organizationId, intents: ["domain_verification", "sso"] });
  const exchanged = await exchangePortalLink(publicContext(handle.db, "portal-link"), { token: url.split("/").at(-1)!, clientIp: "192.0.2.10" });
  if (!exchanged.ok) throw new Error(exchanged.reason);
  const resolved = await resolvePortalSession(handle.db, exchanged.sessionToken);
  if (!resolved.ok) throw new Error(resolved.reason);
  const { sessionId, intents } = resolved.session;
  return { db: handle.db, actor: { type: "portal", sessionId, organizationId, intents } };
}

const ownChanges = (organizationId: string) =>
  handle.db
    .select({
      action: auditLogEvents.action,
      actor: auditLogEvents.actor,
      targets: auditLogEvents.targets,
      location: auditLogEvents.location,
      metadata: auditLogEvents.metadata,
    })
    .from(auditLogEvents)
    .where(eq(auditLogEvents.organizationId, organizationId));

describe("adding domains", () => {
  it("marks domain verification started with the first domain added, not before", async () => {
    const org = await createOrganization(admin, { name: "Progress Co" });
    const itAdmin = await portalActor(org.id);
    expect((await intentStatuses(handle.db, org.id, ["domain_verification"])).domain_verification).toBe("not_started");
    await addDomain(itAdmin, { domain: "progress-co.example" });
    expect((await intentStatuses(handle.db, org.id, ["domain_verification"])).domain_verification).toBe("in_progress");
  });

  it("normalizes the domain and hands out a TXT challenge", async () => {
    const org = await createOrganization(admin, { name: "Challenge Co" });
    const domain = await addDomain(admin, { organizationId: org.id, domain: "  WWW.Challenge-Co.Example " });
    expect(domain).toMatchObject({
      domain: "www.challenge-co.example",
      state: "pending",
      verification_strategy: "dns",
      verification_prefix: "_portico-challenge",
    });
    expect(domain.verification_token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const recorded = await handle.db.select().from(events).where(eq(events.organizationId, org.id));
    expect(recorded.map((e) => e.event)).toEqual(["organization.created", "organization_domain.created"]);
    expect(
      await handle.db
        .select()
        .from(jobs)
        .where(eq(jobs.dedupeKey, `domain.recheck:${domain.id}`)),
    ).toHaveLength(1);
  });

  it.each([
    ["com", "domain_public_suffix"],
    ["co.uk", "domain_public_suffix"],
    ["github.io", "domain_public_suffix"],
    ["gmail.com", "domain_consumer_mail"],
    ["Outlook.com", "domain_consumer_mail"],
    ["https://acme.example/path", "domain_invalid"],
  ])("refuses %s with the reason %s", async (input, code) => {
    const org = await createOrganization(admin, { name: `Refused ${input}` });
    const error = await addDomain(admin, { organizationId: org.id, domain: input }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors[0]).toMatchObject({ field: "domain", code });
  });

  it("refuses a domain another organization has verified, and a duplicate in the same one", async () => {
    const owner = await createOrganization(admin, { name: "Owner", domainData: [{ domain: "owned.example.org", state: "verified" }] });
    const other = await createOrganization(admin, { name: "Other" });
    await expect(addDomain(admin, { organizationId: other.id, domain: "owned.example.org" })).rejects.toMatchObject({ code: "domain_already_verified" });
    await expect(addDomain(admin, { organizationId: owner.id, domain: "owned.example.org" })).rejects.toMatchObject({ code: "domain_exists" });
  });
});

describe("verifying", () => {
  it("says exactly what DNS holds, and verifies once the record is right", async () => {
    const org = await createOrganization(admin, { name: "Verify Now" });
    const domain = await addDomain(admin, { organizationId: org.id, domain: "verify-now.example" });
    expect((await verifyDomainNow(admin, domain.id)).last_check).toMatchObject({ outcome: "no_record" });
    publish(domain, "a-stale-token");
    const wrong = await verifyDomainNow(admin, domain.id);
    expect(wrong).toMatchObject({ state: "pending", last_check: { outcome: "wrong_value", found: ["a-stale-token"] } });
    publish(domain);
    const verified = await verifyDomainNow(admin, domain.id);
    expect(verified).toMatchObject({ state: "verified", last_check: { outcome: "verified" } });
    const names = (await handle.db.select().from(events).where(eq(events.organizationId, org.id))).map((e) => e.event);
    expect(names).toEqual(["organization.created", "organization_domain.created", "organization_domain.verified"]);
    expect((await getDomain(admin, domain.id)).verified_by).toBe("dns");
    expect(await ownChanges(org.id)).toMatchObject([
      { action: "portico.domain.verified", actor: { type: "staff" }, location: "dashboard", metadata: { strategy: "dns" } },
    ]);
  });

  it("reports a name that does not exist and a server that does not answer", async () => {
    const org = await createOrganization(admin, { name: "Broken DNS" });
    const gone = await addDomain(admin, { organizationId: org.id, domain: "gone.example" });
    dns.records.set(`_portico-challenge.gone.example`, "nxdomain");
    expect((await verifyDomainNow(admin, gone.id)).last_check?.outcome).toBe("nxdomain");
    const slow = await addDomain(admin, { organizationId: org.id, domain: "slow.example" });
    dns.records.set(`_portico-challenge.slow.example`, "silent");
    expect((await verifyDomainNow(admin, slow.id)).last_check?.outcome).toBe("timeout");
  });

  it("records manual verification with who did it, for staff only", async () => {
    const org = await createOrganization(admin, { name: "Manual" });
    const domain = await addDomain(admin, { organizationId: org.id, domain: "manual.example" });
    const verified = await verifyDomainManually(admin, domain.id);
    expect(verified).toMatchObject({ state: "verified", verification_strategy: "manual" });
    expect(await ownChanges(org.id)).toMatchObject([
      { action: "portico.domain.verified", actor: { type: "staff" }, location: "dashboard", metadata: { strategy: "manual" } },
    ]);
    expect((await getDomain(admin, domain.id)).verified_by).toBe(`staff:${(admin.actor as { staffId: string }).staffId}`);
    const viewer = await asStaff(handle.db, "viewer");
    await expect(verifyDomainManually(viewer, domain.id)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("background re-checks", () => {
  it("turn a pending domain verified once the record appears, with no user action", async () => {
    const org = await createOrganization(admin, { name: "Patient" });
    const domain = await addDomain(admin, { organizationId: org.id, domain: "patient.example" });
    const soon = new Date(Date.now() + 6 * 60_000);
    expect(await runDueJobs(handle.db, jobHandlers, soon)).toBeGreaterThanOrEqual(1);
    expect((await getDomain(admin, domain.id)).state).toBe("pending");
    publish(domain);
    await runDueJobs(handle.db, jobHandlers, new Date(soon.getTime() + 6 * 60_000));
    expect((await getDomain(admin, domain.id)).state).toBe("verified");
    // Written to the organization's audit log like a manual verification, with the job as the actor.
    expect(await ownChanges(org.id)).toEqual([
      {
        action: "portico.domain.verified",
        actor: { id: "system", type: "system", name: "domain re-check" },
        targets: [{ id: domain.id, type: "organization_domain", name: "patient.example" }],
        location: "system",
        metadata: { strategy: "dns" },
      },
    ]);
    const [job] = await handle.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `domain.recheck:${domain.id}`));
    expect(job!.state).toBe("done");
  });

  it("mark a domain failed with the last reason after seven days, and a restart tries again", async () => {
    const org = await createOrganization(admin, { name: "Never" });
    const domain = await addDomain(admin, { organizationId: org.id, domain: "never.example" });
    const later = new Date(Date.now() + 7 * 86_400_000 + 60_000);
    await runDueJobs(handle.db, jobHandlers, later);
    const failed = await getDomain(admin, domain.id);
    expect(failed).toMatchObject({ state: "failed", last_check: { outcome: "no_record" } });
    const names = (await handle.db.select().from(events).where(eq(events.organizationId, org.id))).map((e) => e.event);
    expect(names).toContain("organization_domain.verification_failed");
    expect((await restartVerification(admin, domain.id)).state).toBe("pending");
  });
});

describe("the IT admin in the portal", () => {
  it("adds and verifies domains in their own organization, completing the intent when all are verified", async () => {
    const org = await createOrganization(admin, { name: "Portal Domains" });
    const other = await createOrganization(admin, { name: "Someone Else", domainData: [{ domain: "someone-else.example", state: "pending" }] });
    const it = await portalActor(org.id);
    // The organization comes from the session: an id in the input is ignored.
    const first = await addDomain(it, { organizationId: other.id, domain: "portal-one.example" });
    expect(first.organization_id).toBe(org.id);
    const second = await addDomain(it, { domain: "portal-two.example" });
    expect((await listDomains(it)).map((d) => d.domain)).toEqual(["portal-one.example", "portal-two.example"]);

    publish(first);
    await verifyDomainNow(it, first.id);
    expect((await intentStatuses(handle.db, org.id, ["domain_verification"])).domain_verification).not.toBe("complete");
    publish(second);
    await verifyDomainNow(it, second.id);
    expect((await intentStatuses(handle.db, org.id, ["domain_verification"])).domain_verification).toBe("complete");

    // Another organization's domain is "not found"; manual verification is not the IT admin's to do.
    const foreign = other.domains[0]!.id;
    await expect(verifyDomainNow(it, foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(removeDomain(it, foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getDomain(it, foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(verifyDomainManually(it, second.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(removeDomain(it, second.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await handle.db.select().from(organizationDomains).where(eq(organizationDomains.id, foreign))).toHaveLength(1);
  });

  it("is refused without the domain-verification intent", async () => {
    const org = await createOrganization(admin, { name: "No Intent" });
    const it: ServiceContext = { db: handle.db, actor: { type: "portal", sessionId: "s", organizationId: org.id, intents: ["sso"] } };
    await expect(addDomain(it, { domain: "no-intent.example" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listDomains(it)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
