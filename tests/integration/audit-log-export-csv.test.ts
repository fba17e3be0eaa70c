import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import type { AuditLogActor } from "@/db/schema";
import { csvLine, orderColumns } from "@/server/services/audit-logs/csv";
import { createAuditLogExport, exportCsvStream, getAuditLogExport, runAuditLogExport } from "@/server/services/audit-logs/exports";
import { insertAuditLogEvent, type AuditLogEventInput } from "@/server/services/audit-logs/ingest";
import { createOrganization } from "@/server/services/organizations";
import { apiContext } from "../support/context";
import { parseCsv } from "../support/csv";
import { createTestDb } from "../support/db";

/**
 * Postgres writes the export's CSV lines itself. This holds them equal to the lines the JS cell writer
 * (`csvCell`, unit-tested against RFC 4180 and formula injection) gives for the same events, flattened the
 * way the export documents: dotted names, targets by slot, empty cells for what an event lacks.
 */
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

type Cell = string | number | boolean;

function flatten(event: AuditLogEventInput & { id: string }): Map<string, Cell> {
  const out = new Map<string, Cell>();
  const put = (key: string, value: Cell | null | undefined) => value !== null && value !== undefined && out.set(key, value);
  const withMetadata = (prefix: string, entity: AuditLogActor) => {
    for (const [k, v] of Object.entries(entity.metadata ?? {})) put(`${prefix}metadata.${k}`, v);
  };
  put("id", event.id);
  put("action", event.action);
  put("version", event.version);
  put("occurred_at", event.occurredAt.toISOString());
  put("actor.id", event.actor.id);
  put("actor.type", event.actor.type);
  put("actor.name", event.actor.name);
  withMetadata("actor.", event.actor);
  event.targets.forEach((target, i) => {
    put(`targets.${i}.id`, target.id);
    put(`targets.${i}.type`, target.type);
    put(`targets.${i}.name`, target.name);
    withMetadata(`targets.${i}.`, target);
  });
  put("context.location", event.location);
  put("context.user_agent", event.userAgent);
  for (const [k, v] of Object.entries(event.metadata ?? {})) put(`metadata.${k}`, v);
  return out;
}

async function download(db: DbHandle["db"], exportId: string): Promise<string> {
  await runAuditLogExport(db, { exportId }, new Date());
  const stream = await exportCsvStream({ db, actor: { type: "public", entry: "audit-log-export" } }, exportId);
  return new Response(stream).text();
}

const awkward = [
  '=HYPERLINK("http://x")',
  "+1",
  "-2+3",
  "@SUM(A1)",
  "\tlead",
  "\rlead",
  'say "hi", ok',
  "two\nlines",
  "crlf\r\nx",
  "caf\u00e9 \u4e2d",
  "a=b",
  "",
  " ",
];

describe("the audit-log export's CSV", () => {
  it("writes every event as the JS cell writer would, with awkward text, numbers, booleans and missing fields", async () => {
    const ctx = apiContext(handle.db);
    const organization = await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "Export Co" });
    const base = Date.parse("2026-06-01T10:00:00.000Z");
    const events: (AuditLogEventInput & { id: string })[] = [];
    for (let i = 0; i < awkward.length * 3; i++) {
      const text = awkward[i % awkward.length]!;
      const input: AuditLogEventInput = {
        organizationId: organization.id,
        action: i % 5 === 0 ? `-${text}` : "user.signed_in",
        version: i % 4 === 0 ? 2 : null,
        occurredAt: new Date(base + i * 1000),
        actor: {
          id: `user_${i}`,
          type: "user",
          ...(i % 3 ? { name: text } : {}),
          ...(i % 2 ? { metadata: { role: text, level: -i, admin: i % 4 === 1 } } : {}),
        },
        targets: Array.from({ length: i % 3 }, (_, slot) => ({
          id: `t_${i}_${slot}`,
          type: slot ? "team" : "document",
          ...(slot ? { name: text } : {}),
          ...(i % 2 ? {} : { metadata: { size: 1.5 * i, note: text } }),
        })),
        location: i % 2 ? "203.0.113.7" : text || "-",
        userAgent: i % 3 ? null : text,
        metadata: i % 4 === 3 ? null : { reason: text, count: i * 1000, ratio: 0.1 + 0.2, [`k-${i % 2}`]: i % 2 === 0 },
      };
      events.push({ ...input, id: await insertAuditLogEvent(handle.db, input) });
    }
    const exported = await createAuditLogExport(ctx, {
      organizationId: organization.id,
      rangeStart: new Date(base - 1000),
      rangeEnd: new Date(base + 3_600_000),
    });
    const text = await download(handle.db, exported.id);

    const flat = events.map(flatten);
    const columns = orderColumns(flat.flatMap((f) => [...f.keys()]));
    const expected =
      csvLine(columns) +
      [...flat]
        .reverse()
        .map((f) => csvLine(columns.map((c) => f.get(c))))
        .join("");
    expect(text).toBe(expected);
    expect(parseCsv(text)).toHaveLength(events.length + 1);
    expect((await getAuditLogExport(ctx, { id: exported.id })).rowCount).toBe(events.length);
  });

  it("pages through ties and sub-millisecond times without losing or repeating an event", async () => {
    const ctx = apiContext(handle.db);
    const organization = await createOrganization({ db: handle.db, actor: { type: "system", reason: "test" } }, { name: "Ties Co" });
    const at = new Date("2026-07-01T00:00:00.000Z");
    const ids: string[] = [];
    for (let i = 0; i < 1203; i++) {
      ids.push(
        await insertAuditLogEvent(handle.db, {
          organizationId: organization.id,
          action: "file.read",
          occurredAt: at,
          actor: { id: "user_1", type: "user" },
          targets: [],
          location: "198.51.100.1",
        }),
      );
    }
    // A third of them a few microseconds later: precision JavaScript's Date does not carry.
    await handle.db.execute(
      sql`update audit_log_events set occurred_at = occurred_at + (1 + (seq % 3)) * interval '1 microsecond' where organization_id = ${organization.id} and seq % 3 = 0`,
    );
    const exported = await createAuditLogExport(ctx, {
      organizationId: organization.id,
      rangeStart: new Date(at.getTime() - 1000),
      rangeEnd: new Date(at.getTime() + 1000),
    });
    const rows = parseCsv(await download(handle.db, exported.id));
    const [header, ...body] = rows;
    const idColumn = header!.indexOf("id");
    const exportedIds = body.map((row) => row[idColumn]!);
    expect(new Set(exportedIds).size).toBe(ids.length);
    expect([...exportedIds].sort()).toEqual([...ids].sort());
  });
});
