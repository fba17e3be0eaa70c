export interface AuditLogEntity {
  id: string;
  type: string;
  name?: string;
  metadata?: Record<string, string | number | boolean>;
}

export interface AuditLogEvent {
  id: string;
  action: string;
  version: number | null;
  occurredAt: string;
  actor: AuditLogEntity;
  targets: AuditLogEntity[];
  context: { location: string; userAgent: string | null };
  metadata: Record<string, string | number | boolean> | null;
  createdAt: string;
}

/** The filters as the form holds them; empty strings mean "any". */
export interface ViewerFilterForm {
  action: string;
  actor: string;
  target: string;
  from: string;
  to: string;
  search: string;
}

export const emptyFilters: ViewerFilterForm = { action: "", actor: "", target: "", from: "", to: "", search: "" };

/** The form's values as the procedures take them: a day's range covers the whole day (UTC). */
export function filterInput(f: ViewerFilterForm) {
  const list = (v: string) => (v.trim() ? [v.trim()] : undefined);
  return {
    actions: list(f.action),
    // One "Actor" box matches an actor's id or name.
    actorIds: list(f.actor),
    actorNames: list(f.actor),
    targets: list(f.target),
    rangeStart: f.from ? `${f.from}T00:00:00.000Z` : undefined,
    rangeEnd: f.to ? `${f.to}T23:59:59.999Z` : undefined,
    search: f.search.trim() || undefined,
  };
}
