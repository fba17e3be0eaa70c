import type { AuditLogExportRow } from "@/db/schema";

/** What the viewer's "Export CSV" button needs to show progress and download. */
export function exportView(row: AuditLogExportRow & { url?: string | null }) {
  return { id: row.id, state: row.state, rowCount: row.rowCount, url: row.url ?? null };
}
