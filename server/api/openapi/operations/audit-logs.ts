import { z } from "zod";
import { wireSchema } from "@/server/api/wire-input";
import { actionSchemaBody } from "@/server/services/audit-logs/action-schemas";
import { createAuditLogEventBody } from "@/server/services/audit-logs/event-input";
import { createExportInput } from "@/server/services/audit-logs/exports";
import { retentionBody } from "@/server/services/audit-logs/retention";
import { apiErrors, errorSchema, idParams, listOf, listQuery, notFound, timestamp } from "../common";
import { exampleIds } from "../examples";
import { registerOperation } from "../registry";

/** `POST /audit_logs/exports`, as the SDK sends it. */
export const createExportWire = wireSchema(createExportInput, { omit: ["search"] })
  .extend({ organization_id: z.string().min(1).max(100), range_start: z.iso.datetime({ offset: true }), range_end: z.iso.datetime({ offset: true }) })
  .meta({ id: "CreateAuditLogExport" });

const metadataSchemaWire = z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()) });
const auditLogSchemaWire = z
  .object({
    object: z.literal("audit_log_schema"),
    version: z.number().int(),
    actor: z.looseObject({ metadata: metadataSchemaWire.optional() }),
    targets: z.array(z.looseObject({ type: z.string() })),
    metadata: metadataSchemaWire.optional(),
    created_at: timestamp,
  })
  .meta({ id: "AuditLogSchema" });
const auditLogActionWire = z
  .object({ object: z.literal("audit_log_action"), name: z.string(), schema: auditLogSchemaWire, created_at: timestamp, updated_at: timestamp })
  .meta({ id: "AuditLogAction" });
const auditLogExportWire = z
  .object({
    object: z.literal("audit_log_export"),
    id: z.string(),
    state: z.enum(["pending", "ready", "error"]),
    url: z.string().optional(),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .meta({ id: "AuditLogExport" });
const retentionWire = z.object({ retention_period_in_days: z.number().int() });

const tag = "Audit Logs";
const actionParams = z.object({ action: z.string().min(1).max(256) });
const orgParams = idParams;
const schemaExample = { actor: { metadata: { type: "object", properties: { role: { type: "string" } } } }, targets: [{ type: "team" }] };

registerOperation({
  method: "post",
  path: "/audit_logs/events",
  route: "/audit_logs/events",
  operationId: "createAuditLogEvent",
  summary: "Record an audit log event",
  tag,
  security: "apiKey",
  body: createAuditLogEventBody,
  responses: {
    201: { description: "Recorded.", schema: z.object({ success: z.literal(true) }) },
    ...apiErrors,
    400: { description: "The event does not match its action's schema.", schema: errorSchema },
    ...notFound,
  },
  example: {
    body: {
      organization_id: exampleIds.organization,
      event: {
        action: exampleIds.auditLogAction,
        occurred_at: "2026-01-15T10:00:00.000Z",
        actor: { id: "user_01GBNJC3MX9ZZJW1FSTF4C5938", type: "user", name: "Jon Smith", metadata: { role: "admin" } },
        targets: [{ id: "team_01GBNJD4MKHVKJGEWK42JNMBGS", type: "team", name: "Eng" }],
        context: { location: "203.0.113.7", user_agent: "Chrome/104.0.0.0" },
      },
    },
  },
  node: `await workos.auditLogs.createEvent("${exampleIds.organization}", {
  action: "${exampleIds.auditLogAction}",
  occurredAt: new Date(),
  actor: { id: "user_01GBNJC3MX9ZZJW1FSTF4C5938", type: "user", name: "Jon Smith" },
  targets: [{ id: "team_01GBNJD4MKHVKJGEWK42JNMBGS", type: "team", name: "Eng" }],
  context: { location: "203.0.113.7", userAgent: "Chrome/104.0.0.0" },
});`,
});

registerOperation({
  method: "get",
  path: "/audit_logs/actions",
  route: "/audit_logs/actions",
  operationId: "listAuditLogActions",
  summary: "List audit log actions",
  tag,
  security: "apiKey",
  query: listQuery,
  responses: { 200: { description: "A page of actions with their latest schema.", schema: listOf(auditLogActionWire) }, ...apiErrors },
  example: {},
});

registerOperation({
  method: "post",
  path: "/audit_logs/actions/{action}/schemas",
  route: "/audit_logs/actions/[action]/schemas",
  operationId: "createAuditLogSchema",
  summary: "Create an action's schema (a new version)",
  tag,
  security: "apiKey",
  pathParams: actionParams,
  body: actionSchemaBody,
  responses: { 201: { description: "The new schema version.", schema: auditLogSchemaWire }, ...apiErrors },
  example: { path: { action: exampleIds.auditLogAction }, body: schemaExample },
  node: `await workos.auditLogs.createSchema({
  action: "${exampleIds.auditLogAction}",
  actor: { metadata: { role: "string" } },
  targets: [{ type: "team" }],
});`,
});

registerOperation({
  method: "get",
  path: "/audit_logs/actions/{action}/schemas",
  route: "/audit_logs/actions/[action]/schemas",
  operationId: "listAuditLogSchemas",
  summary: "List an action's schemas",
  tag,
  security: "apiKey",
  pathParams: actionParams,
  query: listQuery,
  responses: { 200: { description: "A page of schema versions.", schema: listOf(auditLogSchemaWire) }, ...apiErrors, ...notFound },
  example: { path: { action: exampleIds.auditLogAction } },
});

registerOperation({
  method: "post",
  path: "/audit_logs/exports",
  route: "/audit_logs/exports",
  operationId: "createAuditLogExport",
  summary: "Start a CSV export",
  tag,
  security: "apiKey",
  body: createExportWire,
  responses: { 201: { description: "The export, pending until its file is ready.", schema: auditLogExportWire }, ...apiErrors, ...notFound },
  example: { body: { organization_id: exampleIds.organization, range_start: "2026-01-01T00:00:00.000Z", range_end: "2026-12-31T23:59:59.000Z" } },
  node: `const auditLogExport = await workos.auditLogs.createExport({
  organizationId: "${exampleIds.organization}",
  rangeStart: new Date("2026-01-01T00:00:00Z"),
  rangeEnd: new Date("2026-12-31T23:59:59Z"),
});`,
});

registerOperation({
  method: "get",
  path: "/audit_logs/exports/{id}",
  route: "/audit_logs/exports/[id]",
  operationId: "getAuditLogExport",
  summary: "Get an export",
  description: "Once `state` is `ready`, `url` is a signed download link that works for 10 minutes.",
  tag,
  security: "apiKey",
  pathParams: idParams,
  responses: { 200: { description: "The export.", schema: auditLogExportWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.auditLogExport } },
  node: `const auditLogExport = await workos.auditLogs.getExport("${exampleIds.auditLogExport}");`,
});

registerOperation({
  method: "get",
  path: "/organizations/{id}/audit_logs_retention",
  route: "/organizations/[id]/audit_logs_retention",
  operationId: "getAuditLogRetention",
  summary: "Get an organization's audit log retention",
  tag,
  security: "apiKey",
  pathParams: orgParams,
  responses: { 200: { description: "The retention in days.", schema: retentionWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.organization } },
});

registerOperation({
  method: "put",
  path: "/organizations/{id}/audit_logs_retention",
  route: "/organizations/[id]/audit_logs_retention",
  operationId: "setAuditLogRetention",
  summary: "Set an organization's audit log retention",
  tag,
  security: "apiKey",
  pathParams: orgParams,
  body: retentionBody,
  responses: { 200: { description: "The retention in days.", schema: retentionWire }, ...apiErrors, ...notFound },
  example: { path: { id: exampleIds.organization }, body: { retention_period_in_days: 365 } },
});

registerOperation({
  method: "get",
  path: "/organizations/{id}/audit_log_configuration",
  route: "/organizations/[id]/audit_log_configuration",
  operationId: "getAuditLogConfiguration",
  summary: "Get an organization's audit log configuration",
  tag,
  security: "apiKey",
  pathParams: orgParams,
  responses: {
    200: {
      description: "The configuration.",
      schema: z.object({ organization_id: z.string(), retention_period_in_days: z.number().int(), state: z.literal("active") }),
    },
    ...apiErrors,
    ...notFound,
  },
  example: { path: { id: exampleIds.organization } },
});
