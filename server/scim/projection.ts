import { parseAttrPath, type AttrPath } from "./paths";
import type { ResourceKind } from "./schemas";

/** Attributes returned whatever the client asks (RFC 7643 §7, `returned: always`). */
const always = new Set(["id", "schemas"]);

/**
 * `attributes=userName,emails` and `excludedAttributes=members` (RFC 7644 §3.4.2.5). An entry with a
 * value filter (`emails[type eq "work"]`, sent by Microsoft's collection) selects the whole attribute.
 */
export function parseAttributeList(kind: ResourceKind, value: string | null): AttrPath[] | null {
  if (!value) return null;
  const entries = value
    .split(",")
    .map((e) => e.trim().replace(/\[.*$/, ""))
    .filter(Boolean);
  return entries.length ? entries.map((e) => parseAttrPath(kind, e)) : null;
}

function sameName(a: string, b: string) {
  return a.toLowerCase() === b.toLowerCase();
}

export function project(resource: Record<string, unknown>, attributes: AttrPath[] | null, excluded: AttrPath[] | null): Record<string, unknown> {
  if (attributes) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(resource)) {
      if (always.has(key)) {
        out[key] = value;
        continue;
      }
      const wanted = attributes.filter((p) => (p.urn ? sameName(p.urn, key) : sameName(p.attr, key)));
      if (wanted.length === 0) continue;
      // Extension attributes asked for one by one keep only those.
      const inner = wanted.filter((p) => p.urn);
      if (inner.length && typeof value === "object" && value && !Array.isArray(value)) {
        out[key] = Object.fromEntries(Object.entries(value).filter(([k]) => inner.some((p) => sameName(p.attr, k))));
      } else {
        const subs = wanted.map((p) => p.sub);
        out[key] = subs.includes(undefined) ? value : pickSubs(value, subs as string[]);
      }
    }
    return out;
  }
  if (excluded) {
    const out = { ...resource };
    for (const path of excluded) {
      const key = Object.keys(out).find((k) => sameName(k, path.urn ?? path.attr));
      if (!key || always.has(key)) continue;
      if (path.urn && typeof out[key] === "object" && out[key]) {
        out[key] = Object.fromEntries(Object.entries(out[key] as object).filter(([k]) => !sameName(k, path.attr)));
      } else if (!path.sub) delete out[key];
    }
    return out;
  }
  return resource;
}

function pickSubs(value: unknown, subs: string[]): unknown {
  const pick = (v: unknown) =>
    typeof v === "object" && v && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).filter(([k]) => subs.some((s) => sameName(s, k)))) : v;
  return Array.isArray(value) ? value.map(pick) : pick(value);
}
