/** `previous_attributes` of an update: the old value of every top-level wire field that changed. */
export function previousAttributes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === "updated_at" || key === "groups") continue;
    const a = before[key];
    const b = after[key];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    if (key === "raw_attributes" || key === "custom_attributes") {
      const inner = previousAttributes((a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>);
      for (const k of Object.keys(inner)) if (!(k in ((a ?? {}) as object))) inner[k] = null;
      previous[key] = inner;
    } else previous[key] = a ?? null;
  }
  return previous;
}
