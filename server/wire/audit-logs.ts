import type { AuditLogExportRow, AuditLogSchemaRow } from "@/db/schema";
import type { ActionSchema } from "@/server/services/audit-logs/action-schemas";

export function auditLogSchemaToWire(row: AuditLogSchemaRow) {
  const schema = row.schema as ActionSchema;
  return {
    object: "audit_log_schema",
    version: row.version,
    actor: schema.actor ?? { metadata: { type: "object", properties: {} } },
    targets: schema.targets,
    ...(schema.metadata ? { metadata: schema.metadata } : {}),
    created_at: row.createdAt.toISOString(),
  };
}

export function auditLogActionToWire(action: { name: string; latest: AuditLogSchemaRow; createdAt: Date }) {
  return {
    object: "audit_log_action",
    name: action.name,
    schema: auditLogSchemaToWire(action.latest),
    created_at: action.createdAt.toISOString(),
    updated_at: action.latest.createdAt.toISOString(),
  };
}

export function auditLogExportToWire(row: AuditLogExportRow & { url: string | null }) {
  return {
    object: "audit_log_export",
    id: row.id,
    state: row.state,
    ...(row.url ? { url: row.url } : {}),
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
