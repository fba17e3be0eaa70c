import type { AuditLogEventRow } from "@/db/schema";

const FIXED_COLUMNS = ["id", "action", "version", "occurred_at", "actor.id", "actor.type", "actor.name", "context.location", "context.user_agent"];

/** One flat record per event: nested objects become dotted names (`actor.metadata.role`, `targets.0.id`). */
export function flattenEvent(row: AuditLogEventRow): Map<string, string | number | boolean> {
  const out = new Map<string, string | number | boolean>();
  const put = (key: string, value: string | number | boolean | null | undefined) => {
    if (value !== null && value !== undefined) out.set(key, value);
  };
  put("id", row.id);
  put("action", row.action);
  put("version", row.version);
  put("occurred_at", row.occurredAt.toISOString());
  put("actor.id", row.actor.id);
  put("actor.type", row.actor.type);
  put("actor.name", row.actor.name);
  for (const [k, v] of Object.entries(row.actor.metadata ?? {})) put(`actor.metadata.${k}`, v);
  row.targets.forEach((target, i) => {
    put(`targets.${i}.id`, target.id);
    put(`targets.${i}.type`, target.type);
    put(`targets.${i}.name`, target.name);
    for (const [k, v] of Object.entries(target.metadata ?? {})) put(`targets.${i}.metadata.${k}`, v);
  });
  put("context.location", row.location);
  put("context.user_agent", row.userAgent);
  for (const [k, v] of Object.entries(row.metadata ?? {})) put(`metadata.${k}`, v);
  return out;
}

/**
 * RFC 4180 quoting, and text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
 * start: OWASP "CSV injection") is prefixed with `'` so it shows as text. Numbers are left as numbers.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: (string | number | boolean | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Fixed columns first, then the dynamic ones in a stable order (targets by slot, then metadata keys). */
export function orderColumns(seen: Iterable<string>): string[] {
  const dynamic = [...seen].filter((c) => !FIXED_COLUMNS.includes(c));
  const slot = (c: string) => (c.startsWith("actor.") ? 0 : c.startsWith("targets.") ? 1 : 2);
  const index = (c: string) => (c.startsWith("targets.") ? Number(c.split(".")[1]) : 0);
  dynamic.sort((a, b) => slot(a) - slot(b) || index(a) - index(b) || a.localeCompare(b));
  return [...FIXED_COLUMNS, ...dynamic];
}
