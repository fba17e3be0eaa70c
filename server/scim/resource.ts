import { invalidSyntax, invalidValue } from "./errors";
import { findAttr, findExtension, resourceSchemas, type AttrDef, type ResourceKind } from "./schemas";

/** Keys the client may not set: the server owns them (RFC 7643 §3.1), or they must never be stored. */
const serverOwned = new Set(["id", "meta", "schemas"]);
const neverStored = new Set(["password"]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Okta and Entra send booleans as strings ("True", "False"). */
function coerceBoolean(value: unknown, field: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw invalidValue(`${field} must be a boolean.`);
}

export function normalizeValue(def: AttrDef | undefined, value: unknown, field: string): unknown {
  if (!def || value === null || value === undefined) return value;
  if (def.multiValued) {
    const list = Array.isArray(value) ? value : [value];
    return list.map((item, i) => normalizeSingle(def, item, `${field}[${i}]`));
  }
  return normalizeSingle(def, value, field);
}

function normalizeSingle(def: AttrDef, value: unknown, field: string): unknown {
  if (value === null || value === undefined) return value;
  if (def.type === "boolean") return coerceBoolean(value, field);
  if (def.type === "complex") {
    // Entra sends the enterprise manager as a bare id; a complex attribute given as a scalar is its value.
    if (!isPlainObject(value)) return { value };
    return normalizeObject(def.subAttributes ?? [], value, field);
  }
  return value;
}

function normalizeObject(defs: AttrDef[], input: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const def = findAttr(defs, key);
    out[def?.name ?? key] = normalizeValue(def, value, prefix ? `${prefix}.${key}` : key);
  }
  return out;
}

/**
 * Turns a client's resource into what is stored: attribute names in their canonical spelling,
 * booleans coerced, extension objects under their canonical URN, and without id, meta, schemas
 * or password. Unknown attributes are kept as sent.
 */
export function normalizeResource(kind: ResourceKind, input: unknown): Record<string, unknown> {
  if (!isPlainObject(input)) throw invalidSyntax("The request body must be a JSON object.");
  const schema = resourceSchemas[kind];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const lower = key.toLowerCase();
    if (serverOwned.has(lower) || neverStored.has(lower)) continue;
    if (kind === "User" && lower === "groups") continue; // readOnly (RFC 7643 §4.1.2): membership comes from Groups
    const extension = findExtension(kind, key);
    if (extension) {
      if (!isPlainObject(value)) throw invalidValue(`${key} must be an object.`);
      out[extension] = normalizeObject(schema.extensions[extension] ?? [], value, extension);
      continue;
    }
    const def = findAttr(schema.core, key);
    out[def?.name ?? key] = normalizeValue(def, value, key);
  }
  return out;
}

/** The primary email, else the first work email, else the first one. */
export function primaryEmail(resource: Record<string, unknown>): string | null {
  const emails = Array.isArray(resource.emails) ? resource.emails.filter(isPlainObject) : [];
  const pick = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type === "work") ?? emails[0];
  return typeof pick?.value === "string" ? pick.value : null;
}

export function stringOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : null;
}
