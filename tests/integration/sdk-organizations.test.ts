import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictException, NotFoundException, UnauthorizedException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

/** The real server, built, driven by the unchanged WorkOS Node SDK. */
let server: RunningServer;
let workos: WorkOS;
let apiKey: string;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  // The key is made with the operator CLI before the server holds the embedded database.
  const created = runCli(["create-api-key", "--name", "sdk-test"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  server = await startServer({ database });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});

afterAll(async () => {
  await server?.stop();
});

describe("organizations through @workos-inc/node", () => {
  it("creates, reads, updates and deletes an organization", async () => {
    const created = await workos.organizations.createOrganization({
      name: "Foo Corp",
      domainData: [{ domain: "foo-corp.com", state: "verified" as never }],
      externalId: "ext-foo",
      metadata: { tier: "gold" },
    });
    expect(created).toMatchObject({
      object: "organization",
      name: "Foo Corp",
      externalId: "ext-foo",
      metadata: { tier: "gold" },
      allowProfilesOutsideOrganization: false,
    });
    expect(created.domains).toEqual([
      expect.objectContaining({ object: "organization_domain", domain: "foo-corp.com", state: "verified", organizationId: created.id }),
    ]);

    expect((await workos.organizations.getOrganization(created.id)).name).toBe("Foo Corp");
    expect((await workos.organizations.getOrganizationByExternalId("ext-foo")).id).toBe(created.id);

    const updated = await workos.organizations.updateOrganization({
      organization: created.id,
      name: "Foo Corporation",
      domainData: [{ domain: "foo-corp.io", state: "pending" as never }],
      metadata: { tier: "platinum" },
    });
    expect(updated.name).toBe("Foo Corporation");
    expect(updated.domains.map((d) => d.domain)).toEqual(["foo-corp.io"]);
    expect(updated.metadata).toEqual({ tier: "platinum" });

    await workos.organizations.deleteOrganization(created.id);
    await expect(workos.organizations.getOrganization(created.id)).rejects.toBeInstanceOf(NotFoundException);
  });

  it("routes a path that fits a static and a dynamic route as Next.js does: the static segment wins", async () => {
    // `/organizations/external_id/audit_log_configuration` fits both `/organizations/external_id/[externalId]`
    // and `/organizations/[id]/audit_log_configuration`; the server picks the first, as Next.js would.
    const org = await workos.organizations.createOrganization({ name: "Routing Corp", externalId: "audit_log_configuration" });
    expect((await workos.organizations.getOrganizationByExternalId("audit_log_configuration")).id).toBe(org.id);
    // A method the route does not export is Next.js's to refuse, never a server error.
    const refused = await fetch(`${server.url}/organizations/${org.id}`, { method: "POST", headers: { Authorization: `Bearer ${apiKey}` } });
    expect(refused.status).toBe(405);
    await workos.organizations.deleteOrganization(org.id);
  });

  it("filters the list by domains", async () => {
    const a = await workos.organizations.createOrganization({ name: "Alpha", domainData: [{ domain: "alpha.example.com", state: "pending" as never }] });
    const b = await workos.organizations.createOrganization({ name: "Beta", domainData: [{ domain: "beta.example.com", state: "pending" as never }] });
    await workos.organizations.createOrganization({ name: "Gamma", domainData: [{ domain: "gamma.example.com", state: "pending" as never }] });
    const list = await workos.organizations.listOrganizations({ domains: ["alpha.example.com", "beta.example.com"] });
    expect(list.data.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
  });

  it("walks 250 organizations with autoPagination()", async () => {
    // autoPagination() walks only when the first call had no limit (the SDK's own rule).
    const existing = (await (await workos.organizations.listOrganizations()).autoPagination()).length;
    for (let i = 0; i < 250; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => workos.organizations.createOrganization({ name: `Paged ${String(i + j).padStart(3, "0")}` })));
    }
    const all = await (await workos.organizations.listOrganizations()).autoPagination();
    expect(all).toHaveLength(existing + 250);
    expect(new Set(all.map((o) => o.id)).size).toBe(all.length);
    expect(
      all
        .filter((o) => o.name.startsWith("Paged "))
        .map((o) => o.name)
        .sort(),
    ).toEqual(Array.from({ length: 250 }, (_, i) => `Paged ${String(i).padStart(3, "0")}`));
  });

  it("maps a bad API key to UnauthorizedException", async () => {
    const stranger = new WorkOS("sk_not_a_real_key", { apiHostname: "localhost", port: server.port, https: false });
    await expect(stranger.organizations.listOrganizations()).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it("maps an unknown id to NotFoundException", async () => {
    const error = await workos.organizations.getOrganization("org_01NOTHERE").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).requestID).toMatch(/\S{8,}/);
  });

  it("maps an invalid body to UnprocessableEntityException naming each field", async () => {
    const error = await workos.organizations
      .createOrganization({ name: "", domainData: [{ domain: "https://nope", state: "pending" as never }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    // The SDK builds its message from the field codes alone, so each code names its field.
    expect((error as Error).message).toContain("name_required");
    expect((error as Error).message).toContain("domain_invalid");
    const raw = await fetch(`${server.url}/organizations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "", domain_data: [{ domain: "https://nope", state: "pending" }] }),
    });
    expect(raw.status).toBe(422);
    const body = (await raw.json()) as { errors: { field: string; code: string }[] };
    expect(body.errors).toEqual([
      expect.objectContaining({ field: "name", code: "name_required" }),
      expect.objectContaining({ field: "domain_data.0.domain", code: "domain_invalid" }),
    ]);
  });

  it("maps a conflicting external id to ConflictException", async () => {
    await workos.organizations.createOrganization({ name: "Taken", externalId: "ext-taken" });
    await expect(workos.organizations.createOrganization({ name: "Again", externalId: "ext-taken" })).rejects.toBeInstanceOf(ConflictException);
  });
});

describe("events through @workos-inc/node", () => {
  it("lists the organization events written with each change, oldest first, filtered by type and organization", async () => {
    const org = await workos.organizations.createOrganization({ name: "Evented" });
    await workos.organizations.updateOrganization({ organization: org.id, name: "Evented Inc" });
    await workos.organizations.deleteOrganization(org.id);
    const list = await workos.events.listEvents({ events: ["organization.created", "organization.updated", "organization.deleted"], organizationId: org.id });
    expect(list.data.map((e) => e.event)).toEqual(["organization.created", "organization.updated", "organization.deleted"]);
    expect((list.data[1] as unknown as { data: { name: string } }).data.name).toBe("Evented Inc");
    // The SDK maps `data` to its Organization type; the wire also carries what changed.
    const raw = await fetch(`${server.url}/events?events=organization.updated&organization_id=${org.id}`, { headers: { Authorization: `Bearer ${apiKey}` } });
    const body = (await raw.json()) as { data: { data: { previous_attributes: unknown } }[] };
    expect(body.data[0]!.data.previous_attributes).toEqual({ name: "Evented" });
    const onlyDeleted = await workos.events.listEvents({ events: ["organization.deleted"], organizationId: org.id });
    expect(onlyDeleted.data).toHaveLength(1);
  });

  it("requires the events parameter and checks the range", async () => {
    const missing = await fetch(`${server.url}/events`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("events");
    const badRange = await fetch(`${server.url}/events?events=organization.created&range_start=yesterday`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(badRange.status).toBe(422);
    expect(((await badRange.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("range_start");
  });
});

describe("the REST surface", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/organizations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json", ...headers },
      body,
    });

  it("replays a POST with the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const first = await post(JSON.stringify({ name: "Idempotent Inc" }), { "Idempotency-Key": "retry-same" });
    const second = await post(JSON.stringify({ name: "Idempotent Inc" }), { "Idempotency-Key": "retry-same" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
    const other = await post(JSON.stringify({ name: "Someone Else" }), { "Idempotency-Key": "retry-same" });
    expect(other.status).toBe(422);
    expect(((await other.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe("idempotency_key_reused");
    const list = await workos.organizations.listOrganizations();
    expect((await list.autoPagination()).filter((o) => o.name === "Idempotent Inc")).toHaveLength(1);
  });

  it("answers malformed JSON, a non-object body and an oversized body with 4xx JSON errors", async () => {
    const malformed = await post("{not json");
    expect(malformed.status).toBe(422);
    expect(await malformed.json()).toMatchObject({ errors: [{ field: "body", code: "invalid_json" }] });
    const array = await post("[]");
    expect(array.status).toBe(422);
    const huge = await post(JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get("content-type")).toContain("application/json");
  });

  it("answers a bad limit with 422 naming the parameter", async () => {
    const response = await fetch(`${server.url}/organizations?limit=500`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe("limit");
  });

  it("sends X-Request-ID and the security headers on API responses and pages", async () => {
    for (const path of ["/organizations", "/sign-in", "/no-such-page"]) {
      const response = await fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${apiKey}` }, redirect: "manual" });
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get("x-request-id"), path).toMatch(/^[\w.:-]{8,}$/);
      expect(response.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    }
  });
});
