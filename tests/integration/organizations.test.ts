import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/db/client";
import { events } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/server/errors";
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  getOrganizationByExternalId,
  listOrganizations,
  updateOrganization,
} from "@/server/services/organizations";
import { createTestDb } from "../support/db";
import { apiContext, asStaff } from "../support/context";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const ctx = () => apiContext(handle.db);

async function eventsFor(organizationId: string) {
  return handle.db.select().from(events).where(eq(events.organizationId, organizationId)).orderBy(events.id);
}

describe("organizations service", () => {
  it("creates an organization with normalized domains, external id and metadata, and records organization.created", async () => {
    const org = await createOrganization(ctx(), {
      name: "  Acme Corp ",
      domainData: [
        { domain: "ACME.example.com", state: "verified" },
        { domain: "acme.example.com", state: "pending" },
        { domain: "acme-labs.example.org", state: "pending" },
      ],
      externalId: "acme-1",
      metadata: { tier: "enterprise" },
    });
    expect(org).toMatchObject({ object: "organization", name: "Acme Corp", external_id: "acme-1", metadata: { tier: "enterprise" } });
    expect(org.id).toMatch(/^org_[0-9A-Z]{26}$/);
    expect(org.domains.map((d) => [d.domain, d.state])).toEqual([
      ["acme.example.com", "verified"],
      ["acme-labs.example.org", "pending"],
    ]);
    const recorded = await eventsFor(org.id);
    expect(recorded.map((e) => e.event)).toEqual(["organization.created"]);
    expect(recorded[0]!.data).toMatchObject({ id: org.id, name: "Acme Corp" });
  });

  it("names each invalid field", async () => {
    const error = await createOrganization(ctx(), {
      name: "",
      domainData: [{ domain: "not a domain", state: "pending" }],
      metadata: { ["k".repeat(41)]: "v" },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).errors.map((e) => e.field);
    expect(fields).toEqual(["name", "domainData.0.domain", `metadata.${"k".repeat(41)}`]);
  });

  it("refuses a second organization with the same external id, and writes no event for the refused one", async () => {
    await createOrganization(ctx(), { name: "First", externalId: "dup-ext" });
    const before = await handle.db.select().from(events);
    await expect(createOrganization(ctx(), { name: "Second", externalId: "dup-ext" })).rejects.toBeInstanceOf(ConflictError);
    const after = await handle.db.select().from(events);
    expect(after.length).toBe(before.length);
  });

  it("lets exactly one of two concurrent creates with one external id win", async () => {
    const results = await Promise.allSettled([
      createOrganization(ctx(), { name: "Racer A", externalId: "race-ext" }),
      createOrganization(ctx(), { name: "Racer B", externalId: "race-ext" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
  });

  it("refuses a domain another organization has verified", async () => {
    await createOrganization(ctx(), { name: "Owner", domainData: [{ domain: "claimed.example.net", state: "verified" }] });
    await expect(createOrganization(ctx(), { name: "Claimer", domainData: [{ domain: "claimed.example.net", state: "verified" }] })).rejects.toMatchObject({
      code: "domain_already_verified",
    });
  });

  it("finds organizations by id and external id, and answers not found for unknown ones", async () => {
    const org = await createOrganization(ctx(), { name: "Findable", externalId: "find-me" });
    expect((await getOrganization(ctx(), org.id)).name).toBe("Findable");
    expect((await getOrganizationByExternalId(ctx(), "find-me")).id).toBe(org.id);
    await expect(getOrganization(ctx(), "org_01NOPE")).rejects.toBeInstanceOf(NotFoundError);
    await expect(getOrganizationByExternalId(ctx(), "nope")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("updates fields, replaces the domain set and records previous_attributes", async () => {
    const org = await createOrganization(ctx(), {
      name: "Before",
      domainData: [
        { domain: "keep.example.com", state: "pending" },
        { domain: "drop.example.com", state: "pending" },
      ],
    });
    const updated = await updateOrganization(ctx(), org.id, {
      name: "After",
      domainData: [
        { domain: "keep.example.com", state: "verified" },
        { domain: "new.example.com", state: "pending" },
      ],
      metadata: { plan: "pro" },
    });
    expect(updated.name).toBe("After");
    expect(updated.domains.map((d) => [d.domain, d.state]).sort()).toEqual([
      ["keep.example.com", "verified"],
      ["new.example.com", "pending"],
    ]);
    // The kept domain keeps its id.
    expect(updated.domains.find((d) => d.domain === "keep.example.com")!.id).toBe(org.domains.find((d) => d.domain === "keep.example.com")!.id);
    const last = (await eventsFor(org.id)).at(-1)!;
    expect(last.event).toBe("organization.updated");
    const previous = (last.data as { previous_attributes: Record<string, unknown> }).previous_attributes;
    expect(previous.name).toBe("Before");
    expect(previous.metadata).toEqual({});
    expect(previous).not.toHaveProperty("external_id");
  });

  it("deletes an organization and records organization.deleted with its last state", async () => {
    const org = await createOrganization(ctx(), { name: "Doomed", domainData: [{ domain: "doomed.example.com", state: "pending" }] });
    await deleteOrganization(ctx(), org.id);
    await expect(getOrganization(ctx(), org.id)).rejects.toBeInstanceOf(NotFoundError);
    const last = (await eventsFor(org.id)).at(-1)!;
    expect(last.event).toBe("organization.deleted");
    expect(last.data).toMatchObject({ id: org.id, name: "Doomed" });
    await expect(deleteOrganization(ctx(), org.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("does not let a viewer create, update or delete, and lets an admin", async () => {
    const viewer = await asStaff(handle.db, "viewer");
    await expect(createOrganization(viewer, { name: "Nope" })).rejects.toBeInstanceOf(ForbiddenError);
    const org = await createOrganization(await asStaff(handle.db, "admin"), { name: "By admin" });
    await expect(updateOrganization(viewer, org.id, { name: "x" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteOrganization(viewer, org.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await getOrganization(viewer, org.id)).name).toBe("By admin");
  });
});

describe("listing organizations", () => {
  let ids: string[] = [];
  let fresh: DbHandle;
  beforeAll(async () => {
    fresh = await createTestDb();
    ids = [];
    for (let i = 0; i < 25; i++) {
      const org = await createOrganization(apiContext(fresh.db), {
        name: `Tenant ${String(i).padStart(2, "0")}`,
        domainData: [{ domain: `tenant${i}.example.com`, state: "pending" }],
      });
      ids.push(org.id);
    }
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it("pages forward newest first with after, then back with before", async () => {
    const c = apiContext(fresh.db);
    const first = await listOrganizations(c, { limit: 10 });
    expect(first.data.map((o) => o.id)).toEqual([...ids].reverse().slice(0, 10));
    expect(first.listMetadata.before).toBeNull();
    const second = await listOrganizations(c, { limit: 10, after: first.listMetadata.after! });
    expect(second.data.map((o) => o.id)).toEqual([...ids].reverse().slice(10, 20));
    const third = await listOrganizations(c, { limit: 10, after: second.listMetadata.after! });
    expect(third.data).toHaveLength(5);
    expect(third.listMetadata.after).toBeNull();
    const back = await listOrganizations(c, { limit: 10, before: third.listMetadata.before! });
    expect(back.data.map((o) => o.id)).toEqual(second.data.map((o) => o.id));
  });

  it("orders oldest first with order=asc", async () => {
    const page = await listOrganizations(apiContext(fresh.db), { limit: 3, order: "asc" });
    expect(page.data.map((o) => o.id)).toEqual(ids.slice(0, 3));
  });

  it("filters by any of several domains", async () => {
    const page = await listOrganizations(apiContext(fresh.db), { domains: ["TENANT3.example.com", "tenant7.example.com", "nobody.example.com"] });
    expect(page.data.map((o) => o.name).sort()).toEqual(["Tenant 03", "Tenant 07"]);
  });

  it("searches by name or domain, treating % and _ literally", async () => {
    const c = apiContext(fresh.db);
    expect((await listOrganizations(c, { search: "tenant 1", limit: 100 })).data).toHaveLength(10);
    expect((await listOrganizations(c, { search: "tenant24.example", limit: 100 })).data.map((o) => o.name)).toEqual(["Tenant 24"]);
    expect((await listOrganizations(c, { search: "%", limit: 100 })).data).toHaveLength(0);
  });

  it("refuses a limit over 100", async () => {
    await expect(listOrganizations(apiContext(fresh.db), { limit: 101 })).rejects.toBeInstanceOf(ValidationError);
  });
});
