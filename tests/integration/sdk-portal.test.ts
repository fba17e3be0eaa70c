import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictException, NotFoundException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let workos: WorkOS;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "sdk-portal"], database.env);
  expect(created.status, created.stderr).toBe(0);
  server = await startServer({ database });
  workos = new WorkOS(created.stdout.trim(), { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
});

/** Opens a link as a browser would, without following the redirect. */
async function open(link: string, cookie?: string) {
  const response = await fetch(link, { redirect: "manual", headers: cookie ? { cookie } : {} });
  return { status: response.status, location: response.headers.get("location"), setCookie: response.headers.get("set-cookie") };
}

describe("adminPortal.generateLink", () => {
  const intents = ["sso", "dsync", "audit_logs", "log_streams", "domain_verification", "certificate_renewal"] as const;

  it.each(intents)("makes a link for the %s intent that opens once into a portal session on that feature's screen", async (intent) => {
    const organization = await workos.organizations.createOrganization({ name: `Portal ${intent}` });
    const { link } = await workos.adminPortal.generateLink({
      organization: organization.id,
      intent: intent as never,
      returnUrl: "https://app.example.com/settings",
    });
    expect(link).toMatch(new RegExp(`^${server.url}/portal/launch/[A-Za-z0-9_-]{43}$`));

    const first = await open(link);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`${server.url}/portal/${intent}`);
    expect(first.setCookie).toMatch(/portico_portal=[A-Za-z0-9_-]{43};/);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/SameSite=lax/i);

    const cookie = first.setCookie!.split(";")[0]!;
    const screen = await fetch(first.location!, { headers: { cookie }, redirect: "manual" });
    expect(screen.status).toBe(200);
    expect(await screen.text()).toContain(`Portal ${intent}`);
    const portal = await fetch(`${server.url}/portal`, { headers: { cookie } });
    expect(portal.status).toBe(200);
    const html = await portal.text();
    expect(html).toContain(`Portal ${intent}`);
    // A one-time link cannot be opened again: the home does not promise it can.
    expect(html).toContain("This link opens only once");
    expect(html).not.toContain("come back with the same link");

    const second = await open(link);
    expect(second.location).toBe(`${server.url}/portal/link-error?reason=used`);
    const errorPage = await (await fetch(second.location!)).text();
    expect(errorPage).toContain("already been used");
    expect(errorPage).not.toContain(`Portal ${intent}`);
  });

  it("answers an unknown organization with 404 and an unknown intent with 422 naming the field", async () => {
    await expect(workos.adminPortal.generateLink({ organization: "org_01MISSING", intent: "sso" as never })).rejects.toBeInstanceOf(NotFoundException);
    const organization = await workos.organizations.createOrganization({ name: "Picky portal" });
    const error = await workos.adminPortal.generateLink({ organization: organization.id, intent: "teleport" as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect((error as Error).message).toContain("intent_invalid");
    const byok = await workos.adminPortal.generateLink({ organization: organization.id, intent: "bring_your_own_key" as never }).catch((e: unknown) => e);
    expect(byok).toBeInstanceOf(UnprocessableEntityException);
    const insecure = await workos.adminPortal
      .generateLink({ organization: organization.id, intent: "sso" as never, returnUrl: "http://app.example.com" })
      .catch((e: unknown) => e);
    expect((insecure as Error).message).toContain("return_url_not_https");
  });

  it("lands unknown links on a page that says so", async () => {
    const unknown = await open(`${server.url}/portal/launch/${"x".repeat(43)}`);
    expect(unknown.location).toBe(`${server.url}/portal/link-error?reason=unknown`);
    const page = await fetch(`${server.url}/portal`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ask");
  });
});

describe("IT contacts through the SDK", () => {
  it("creates, lists, invites, revokes and deletes IT contacts", async () => {
    const organization = await workos.organizations.createOrganization({ name: "Contacts via SDK" });
    const contact = await workos.organizations.createItContact({ organizationId: organization.id, email: "it@contacts-sdk.example.com" } as never);
    expect(contact).toMatchObject({ object: "it_contact", email: "it@contacts-sdk.example.com" });
    const list = await workos.organizations.listItContacts({ organizationId: organization.id } as never);
    expect(list.data.map((c: { id: string }) => c.id)).toEqual([contact.id]);

    await workos.organizations.inviteItContact({ organizationId: organization.id, contactId: contact.id, intents: ["sso", "directory_sync"] } as never);
    await expect(
      workos.organizations.inviteItContact({ organizationId: organization.id, contactId: contact.id, intents: ["sso"] } as never),
    ).rejects.toBeInstanceOf(ConflictException);
    await workos.organizations.revokeItContact({ organizationId: organization.id, contactId: contact.id } as never);
    await workos.organizations.inviteItContact({ organizationId: organization.id, contactId: contact.id, intents: ["domain_verification"] } as never);
    await workos.organizations.deleteItContact({ organizationId: organization.id, contactId: contact.id } as never);
    await expect(workos.organizations.deleteItContact({ organizationId: organization.id, contactId: contact.id } as never)).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});
