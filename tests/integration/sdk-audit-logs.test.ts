import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadRequestException, NotFoundException, UnprocessableEntityException, WorkOS } from "@workos-inc/node";
import { csvRecords } from "../support/csv";
import { freshDatabaseEnv, runCli, startServer, type RunningServer } from "../support/server";

let server: RunningServer;
let workos: WorkOS;
let apiKey: string;

beforeAll(async () => {
  const database = await freshDatabaseEnv();
  const created = runCli(["create-api-key", "--name", "sdk-audit-logs"], database.env);
  expect(created.status, created.stderr).toBe(0);
  apiKey = created.stdout.trim();
  server = await startServer({ database, env: { JOB_POLL_INTERVAL_MS: "200" } });
  workos = new WorkOS(apiKey, { apiHostname: "localhost", port: server.port, https: false });
});
afterAll(async () => {
  await server?.stop();
});

const base = {
  version: undefined,
  context: { location: "203.0.113.7", userAgent: "Mozilla/5.0" },
};

function event(action: string, actorName: string, at: string, extra: Record<string, unknown> = {}) {
  return {
    ...base,
    action,
    occurredAt: new Date(at),
    actor: { id: `user_${actorName.toLowerCase()}`, name: actorName, type: "user", metadata: { role: "admin" } },
    targets: [{ id: "team_1", name: "Platform", type: "team" }],
    ...extra,
  };
}

function post(path: string, body: unknown, method = "POST") {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function waitForExport(id: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const current = await workos.auditLogs.getExport(id);
    if (current.state !== "pending" || Date.now() > deadline) return current;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("audit logs through @workos-inc/node", () => {
  it("validates events against versioned schemas, stores a retried event once, and exports the filtered events as CSV", async () => {
    const org = await workos.organizations.createOrganization({ name: "Audit SDK" });
    const other = await workos.organizations.createOrganization({ name: "Someone else" });

    const v1 = await workos.auditLogs.createSchema({
      action: "document.updated",
      actor: { metadata: { role: "string" } },
      targets: [{ type: "document", metadata: { size: "number" } }],
    });
    expect(v1).toMatchObject({
      object: "audit_log_schema",
      version: 1,
      actor: { metadata: { role: "string" } },
      targets: [{ type: "document", metadata: { size: "number" } }],
    });
    const v2 = await workos.auditLogs.createSchema({
      action: "document.updated",
      targets: [{ type: "document", metadata: { size: "number" } }],
      metadata: { reason: "string" },
    });
    expect(v2.version).toBe(2);
    const versions = await workos.auditLogs.listSchemas("document.updated");
    expect(versions.data.map((s) => s.version)).toEqual([2, 1]);
    await expect(workos.auditLogs.listSchemas("never.defined")).rejects.toBeInstanceOf(NotFoundException);

    const violation = await workos.auditLogs
      .createEvent(org.id, {
        ...event("document.updated", "Mallory", "2026-11-01T10:00:00Z"),
        targets: [
          { id: "doc_1", type: "document", metadata: { size: "big" } },
          { id: "x", type: "spreadsheet" },
        ],
        metadata: { reason: 7 },
      })
      .catch((e: unknown) => e);
    expect(violation).toBeInstanceOf(BadRequestException);
    expect((violation as BadRequestException).code).toBe("invalid_audit_log_event");
    expect((violation as BadRequestException).errors?.map((e) => (e as { instancePath: string }).instancePath).sort()).toEqual([
      "/metadata/reason",
      "/targets/0/metadata/size",
      "/targets/1/type",
    ]);
    // Version 1 has no event metadata schema but wants the actor's role as a string.
    const old = await workos.auditLogs
      .createEvent(org.id, {
        ...event("document.updated", "Mallory", "2026-11-01T10:00:00Z"),
        version: 1,
        actor: { id: "u", type: "user", metadata: { role: 3 } },
        targets: [{ id: "d", type: "document" }],
      })
      .catch((e: unknown) => e);
    expect((old as BadRequestException).errors).toEqual([expect.objectContaining({ instancePath: "/actor/metadata/role" })]);

    const missing = await workos.auditLogs.createEvent(org.id, { ...event("", "Ann", "2026-11-01T10:00:00Z") }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(UnprocessableEntityException);
    const wire = {
      action: "user.signed_in",
      occurred_at: "2026-11-01T10:00:00Z",
      actor: { id: "u", type: "user" },
      targets: [],
      context: { location: "203.0.113.7" },
    };
    const noAction = await post("/audit_logs/events", { organization_id: org.id, event: { ...wire, action: undefined } });
    expect(noAction.status).toBe(422);
    expect((await noAction.json()).errors).toEqual([expect.objectContaining({ field: "event.action", code: "required" })]);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    const big = await post("/audit_logs/events", { organization_id: org.id, event: { ...wire, metadata: tooMany } });
    expect(big.status).toBe(422);
    expect((await big.json()).errors).toEqual([expect.objectContaining({ field: "event.metadata" })]);
    const badKey = await post("/audit_logs/events", { organization_id: org.id, event: { ...wire, actor: { ...wire.actor, metadata: { "no spaces": "x" } } } });
    expect((await badKey.json()).errors).toEqual([expect.objectContaining({ field: "event.actor.metadata.no spaces" })]);
    const longValue = await post("/audit_logs/events", { organization_id: org.id, event: { ...wire, metadata: { note: "x".repeat(501) } } });
    expect((await longValue.json()).errors).toEqual([expect.objectContaining({ field: "event.metadata.note", code: "invalid_length" })]);
    const nested = await post("/audit_logs/events", { organization_id: org.id, event: { ...wire, metadata: { deep: { a: 1 } } } });
    expect(nested.status).toBe(422);

    await workos.auditLogs.createEvent(org.id, {
      ...event("document.updated", "Ann", "2026-11-02T09:00:00Z"),
      targets: [{ id: "doc_1", name: "Plan", type: "document", metadata: { size: 12 } }],
      metadata: { reason: '=HYPERLINK("http://evil")' },
    });
    const retried = event("user.signed_in", "Bob", "2026-11-03T08:00:00Z", { metadata: { note: 'said "hi", then left' } });
    await workos.auditLogs.createEvent(org.id, retried, { idempotencyKey: "signin-bob-1" });
    await workos.auditLogs.createEvent(org.id, retried, { idempotencyKey: "signin-bob-1" });
    const reused = await workos.auditLogs
      .createEvent(org.id, event("user.signed_in", "Eve", "2026-11-03T08:00:00Z"), { idempotencyKey: "signin-bob-1" })
      .catch((e: unknown) => e);
    expect(reused).toBeInstanceOf(UnprocessableEntityException);
    await workos.auditLogs.createEvent(org.id, event("user.signed_out", "Bob", "2026-11-04T08:00:00Z"));
    await workos.auditLogs.createEvent(org.id, event("user.signed_in", "Carol", "2026-10-01T08:00:00Z"));
    await workos.auditLogs.createEvent(other.id, event("user.signed_in", "Zed", "2026-11-03T08:00:00Z"));

    const actions = await fetch(`${server.url}/audit_logs/actions`, { headers: { Authorization: `Bearer ${apiKey}` } }).then((r) => r.json());
    expect(actions.data).toEqual([
      expect.objectContaining({ object: "audit_log_action", name: "document.updated", schema: expect.objectContaining({ version: 2 }) }),
    ]);

    const created = await workos.auditLogs.createExport({
      organizationId: org.id,
      rangeStart: new Date("2026-11-01T00:00:00Z"),
      rangeEnd: new Date("2026-11-30T00:00:00Z"),
      actions: ["user.signed_in", "document.updated"],
    });
    expect(created).toMatchObject({ object: "audit_log_export", state: "pending" });
    const ready = await waitForExport(created.id);
    expect(ready.state).toBe("ready");
    expect(ready.url).toMatch(/\/download\?expires=\d+&signature=/);
    const response = await fetch(ready.url!);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const rows = csvRecords(await response.text());
    expect(rows.map((r) => [r.action, r["actor.name"]])).toEqual([
      ["user.signed_in", "Bob"],
      ["document.updated", "Ann"],
    ]);
    expect(rows[0]).toMatchObject({
      "actor.id": "user_bob",
      "actor.metadata.role": "admin",
      "targets.0.type": "team",
      "metadata.note": 'said "hi", then left',
      "context.location": "203.0.113.7",
      occurred_at: "2026-11-03T08:00:00.000Z",
    });
    expect(rows[1]).toMatchObject({ "targets.0.metadata.size": "12", "metadata.reason": '\'=HYPERLINK("http://evil")' });

    const tampered = new URL(ready.url!);
    tampered.searchParams.set("expires", String(Date.now() + 3_600_000));
    expect((await fetch(tampered)).status).toBe(403);
    const forged = new URL(ready.url!);
    forged.searchParams.set("signature", "0".repeat(64));
    expect((await fetch(forged)).status).toBe(403);
    // An export is found by id; a fresh GET signs a fresh link.
    expect((await workos.auditLogs.getExport(created.id)).url).toMatch(/signature=[0-9a-f]{64}$/);
  });

  it("holds an action to its schema from the moment the schema is created, and answers 404 for an unknown organization", async () => {
    const org = await workos.organizations.createOrganization({ name: "Schema Later" });
    // No schema yet: any well-formed event is taken.
    await workos.auditLogs.createEvent(org.id, event("invoice.paid", "Ann", "2026-11-02T10:00:00Z", { metadata: { amount: "twelve" } }));
    await workos.auditLogs.createSchema({ action: "invoice.paid", targets: [{ type: "team" }], metadata: { amount: "number" } });
    const refused = await workos.auditLogs
      .createEvent(org.id, event("invoice.paid", "Ann", "2026-11-02T10:01:00Z", { metadata: { amount: "twelve" } }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestException);
    expect((refused as BadRequestException).errors?.map((e) => (e as { instancePath: string }).instancePath)).toEqual(["/metadata/amount"]);
    await workos.auditLogs.createEvent(org.id, event("invoice.paid", "Ann", "2026-11-02T10:02:00Z", { metadata: { amount: 12 } }));
    const unknown = await workos.auditLogs
      .createEvent("org_01NOTANORGANIZATION0000000", event("user.signed_in", "Ann", "2026-11-02T10:03:00Z"))
      .catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundException);
  });

  it("reads and sets the retention period in either form", async () => {
    const org = await workos.organizations.createOrganization({ name: "Retention" });
    expect(await workos.auditLogs.getOrganizationAuditLogsRetention({ id: org.id })).toEqual({ retentionPeriodInDays: 365 });
    expect(await workos.auditLogs.updateOrganizationAuditLogsRetention({ id: org.id, retentionPeriod: "1_MONTH" })).toEqual({ retentionPeriodInDays: 30 });
    const put = await fetch(`${server.url}/organizations/${org.id}/audit_logs_retention`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ retention_period_in_days: 365 }),
    });
    expect(await put.json()).toEqual({ retention_period_in_days: 365 });
    const bad = await fetch(`${server.url}/organizations/${org.id}/audit_logs_retention`, {
      method: "PUT",
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ retention_period_in_days: 31 }),
    });
    expect(bad.status).toBe(422);
    const config = await fetch(`${server.url}/organizations/${org.id}/audit_log_configuration`, { headers: { Authorization: `Bearer ${apiKey}` } });
    expect(await config.json()).toEqual({ organization_id: org.id, retention_period_in_days: 365, state: "active" });
    await expect(workos.auditLogs.getOrganizationAuditLogsRetention({ id: "org_01MISSING" })).rejects.toBeInstanceOf(NotFoundException);
  });
});
