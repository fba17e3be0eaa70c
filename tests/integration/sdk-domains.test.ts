import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictException, NotFoundException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { startDnsServer } from "../support/dns";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let workos: WorkOS;
let dns: Awaited<ReturnType<typeof startDnsServer>>;

beforeAll(async () => {
  dns = await startDnsServer();
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "sdk-domains"], database.env);
  expect(created.status, created.stderr).toBe(0);
  // Re-checks every second and a quick poller, so the background work shows within the test.
  server = await startServer({
    database,
    env: { DNS_SERVERS: dns.server, DNS_TIMEOUT_MS: "800", DOMAIN_RECHECK_INTERVAL_SECONDS: "1", JOB_POLL_INTERVAL_MS: "200" },
  });
  workos = new WorkOS(created.stdout.trim(), { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
  await dns?.stop();
});

describe("organization domains through @workos-inc/node", () => {
  it("creates a domain with its TXT challenge, verifies it once published, and deletes it", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Domain SDK" });
    const domain = await workos.organizationDomains.createOrganizationDomain({ organizationId: organization.id, domain: "sdk-domain.example" });
    expect(domain).toMatchObject({ object: "organization_domain", domain: "sdk-domain.example", state: "pending", verificationStrategy: "dns" });
    expect(domain.verificationPrefix).toBe("_portico-challenge");
    expect(domain.verificationToken).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const notYet = await workos.organizationDomains.verifyOrganizationDomain(domain.id);
    expect(notYet.state).toBe("pending");

    dns.records.set(`${domain.verificationPrefix}.${domain.domain}`, [domain.verificationToken!]);
    const verified = await workos.organizationDomains.verifyOrganizationDomain(domain.id);
    expect(verified.state).toBe("verified");
    expect((await workos.organizations.getOrganization(organization.id)).domains.map((d) => [d.domain, d.state])).toEqual([["sdk-domain.example", "verified"]]);

    const other = await workos.organizations.createOrganization({ name: "Latecomer" });
    await expect(workos.organizationDomains.createOrganizationDomain({ organizationId: other.id, domain: "sdk-domain.example" })).rejects.toBeInstanceOf(
      ConflictException,
    );

    await workos.organizationDomains.deleteOrganizationDomain(domain.id);
    await expect(workos.organizationDomains.getOrganizationDomain(domain.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it("verifies a pending domain in the background once the record appears", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Background" });
    const domain = await workos.organizationDomains.createOrganizationDomain({ organizationId: organization.id, domain: "background.example" });
    dns.records.set(`${domain.verificationPrefix}.${domain.domain}`, [domain.verificationToken!]);
    const deadline = Date.now() + 20_000;
    let state = domain.state;
    while (state !== "verified" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      state = (await workos.organizationDomains.getOrganizationDomain(domain.id)).state;
    }
    expect(state).toBe("verified");
  });

  it("refuses public suffixes and consumer mail domains with 422 naming the reason", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Greedy" });
    const suffix = await workos.organizationDomains.createOrganizationDomain({ organizationId: organization.id, domain: "co.uk" }).catch((e: unknown) => e);
    expect(suffix).toBeInstanceOf(UnprocessableEntityException);
    expect((suffix as Error).message).toContain("domain_public_suffix");
    const consumer = await workos.organizationDomains
      .createOrganizationDomain({ organizationId: organization.id, domain: "gmail.com" })
      .catch((e: unknown) => e);
    expect((consumer as Error).message).toContain("domain_consumer_mail");
    await expect(workos.organizationDomains.createOrganizationDomain({ organizationId: "org_01MISSING", domain: "fine.example" })).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
