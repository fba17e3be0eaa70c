import { invalidSyntax, invalidValue, ScimError } from "./errors";
import { parseFilter, type Filter } from "./filter";
import { getCi, matches } from "./match";
import { attrDef, parseAttrPath, subAttrDef, type AttrPath } from "./paths";
import { isPlainObject, normalizeValue } from "./resource";
import { findAttr, findExtension, type ResourceKind } from "./schemas";

const maxPatchOperations = 1000;

export type MemberChange = { kind: "add" | "remove" | "replace"; ids: string[]; displays?: Record<string, string> } | { kind: "removeAll" };

interface PatchResult {
  resource: Record<string, unknown>;
  members: MemberChange[];
}

interface Target {
  path: AttrPath;
  filter?: Filter;
}

type Op = "add" | "replace" | "remove";

/** `attr`, `attr.sub`, `attr[filter]`, `attr[filter].sub`, each optionally URN-qualified (RFC 7644 §3.5.2). */
export function parsePatchPath(kind: ResourceKind, text: string): Target {
  const open = text.indexOf("[");
  if (open === -1) return { path: parseAttrPath(kind, text) };
  const close = text.lastIndexOf("]");
  if (close < open) throw new ScimError(400, `The path '${text}' has an unclosed '['.`, "invalidPath");
  const path = parseAttrPath(kind, text.slice(0, open));
  const filter = parseFilter(kind, text.slice(open + 1, close));
  const rest = text.slice(close + 1);
  if (rest && !/^\.[A-Za-z$][\w$-]*$/.test(rest)) throw new ScimError(400, `The path '${text}' is not valid.`, "invalidPath");
  const subName = rest ? rest.slice(1) : undefined;
  const def = attrDef(kind, path);
  const sub = subName ? (findAttr(def?.subAttributes, subName)?.name ?? subName) : undefined;
  return { path: { ...path, ...(sub ? { sub } : {}) }, filter };
}

/**
 * Applies a PatchOp body to a stored resource, with the forms Okta and Entra really send:
 * capitalised ops, string booleans, path-less values with dotted and URN-qualified keys,
 * `members[value eq "..."]` removal and member values as arrays. Group membership is returned as
 * changes for the caller to apply as rows, in order.
 */
export function applyPatch(kind: ResourceKind, current: Record<string, unknown>, body: unknown): PatchResult {
  if (!isPlainObject(body)) throw invalidSyntax("The PATCH body must be a JSON object.");
  const operations = getCi(body, "Operations");
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("The PATCH body needs a non-empty Operations list.");
  if (operations.length > maxPatchOperations) throw new ScimError(413, `A PATCH may carry at most ${maxPatchOperations} operations.`, "tooMany");
  const resource = structuredClone(current);
  const members: MemberChange[] = [];
  operations.forEach((raw, index) => {
    if (!isPlainObject(raw)) throw invalidSyntax(`Operations[${index}] must be an object.`);
    const op = String(getCi(raw, "op") ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove") throw invalidSyntax(`Operations[${index}].op must be add, replace or remove.`);
    const pathText = getCi(raw, "path");
    const value = getCi(raw, "value");
    if (pathText === undefined || pathText === null || pathText === "") {
      if (op === "remove") throw new ScimError(400, `Operations[${index}]: remove needs a path.`, "noTarget");
      if (!isPlainObject(value)) throw invalidValue(`Operations[${index}]: without a path, value must be an object.`);
      for (const [key, inner] of Object.entries(value)) applyKey(kind, resource, members, op, key, inner);
      return;
    }
    if (typeof pathText !== "string") throw new ScimError(400, `Operations[${index}].path must be a string.`, "invalidPath");
    if (op !== "remove" && value === undefined) throw invalidValue(`Operations[${index}] needs a value.`);
    applyTarget(kind, resource, members, op, parsePatchPath(kind, pathText), value);
  });
  return { resource, members };
}

/** A key of a path-less value: `name.givenName`, `urn:...:User:department`, or an extension object. */
function applyKey(kind: ResourceKind, resource: Record<string, unknown>, members: MemberChange[], op: Op, key: string, value: unknown) {
  const lower = key.toLowerCase();
  if (lower === "id" || lower === "meta" || lower === "schemas") return;
  const extension = findExtension(kind, key);
  if (extension && isPlainObject(value)) {
    for (const [inner, innerValue] of Object.entries(value))
      applyTarget(kind, resource, members, op, { path: parseAttrPath(kind, `${extension}:${inner}`) }, innerValue);
    return;
  }
  applyTarget(kind, resource, members, op, parsePatchPath(kind, key), value);
}

function applyTarget(kind: ResourceKind, resource: Record<string, unknown>, members: MemberChange[], op: Op, target: Target, value: unknown) {
  const { path, filter } = target;
  if (!path.urn && ["id", "meta", "schemas"].includes(path.attr)) return;
  if (kind === "User" && !path.urn && path.attr === "groups") return; // readOnly: membership is changed through Groups
  if (kind === "Group" && !path.urn && path.attr === "members") {
    members.push(memberChange(op, filter, value));
    return;
  }
  let container = resource;
  if (path.urn) {
    const existing = resource[path.urn];
    if (!isPlainObject(existing)) {
      if (op === "remove") return;
      resource[path.urn] = {};
    }
    container = resource[path.urn] as Record<string, unknown>;
  }
  const def = attrDef(kind, path);
  const key = existingKey(container, path.attr);
  if (filter) return applyFiltered(kind, container, key, op, target, value);
  if (path.sub) {
    const parent = container[key];
    if (op === "remove") {
      if (Array.isArray(parent)) parent.forEach((el) => isPlainObject(el) && delete el[existingKey(el, path.sub!)]);
      else if (isPlainObject(parent)) delete parent[existingKey(parent, path.sub)];
      return;
    }
    const subValue = normalizeValue(subAttrDef(kind, path), value, `${path.attr}.${path.sub}`);
    if (Array.isArray(parent)) parent.forEach((el) => isPlainObject(el) && (el[existingKey(el, path.sub!)] = subValue));
    else {
      const object = isPlainObject(parent) ? parent : {};
      object[existingKey(object, path.sub)] = subValue;
      container[key] = object;
    }
    return;
  }
  if (op === "remove") {
    delete container[key];
    return;
  }
  const normalized = normalizeValue(def, value, path.attr);
  const existing = container[key];
  if (def?.multiValued || Array.isArray(existing)) {
    const incoming = Array.isArray(normalized) ? normalized : [normalized];
    if (op === "replace") container[key] = incoming;
    else container[key] = mergeList(Array.isArray(existing) ? existing : [], incoming);
    return;
  }
  // Complex single values merge their sub-attributes for add and replace alike (RFC 7644 §3.5.2.1, .3).
  if (isPlainObject(existing) && isPlainObject(normalized)) container[key] = { ...existing, ...normalized };
  else container[key] = normalized;
}

function applyFiltered(kind: ResourceKind, container: Record<string, unknown>, key: string, op: Op, target: Target, value: unknown) {
  const { path, filter } = target;
  const list = Array.isArray(container[key]) ? (container[key] as unknown[]) : [];
  const hit = (el: unknown) => matches(filter!, el);
  if (op === "remove") {
    if (path.sub) list.forEach((el) => hit(el) && isPlainObject(el) && delete el[existingKey(el, path.sub!)]);
    else container[key] = list.filter((el) => !hit(el));
    return;
  }
  const matched = list.filter(hit);
  if (path.sub) {
    const subValue = normalizeValue(subAttrDef(kind, path), value, `${path.attr}.${path.sub}`);
    if (matched.length) matched.forEach((el) => isPlainObject(el) && (el[existingKey(el, path.sub!)] = subValue));
    // Entra sets `emails[type eq "work"].value` on a user that has no work email yet: it expects one made.
    else list.push({ ...equalities(filter!), [path.sub]: subValue });
  } else {
    const normalized = normalizeValue(attrDef(kind, path), value, path.attr);
    const element = Array.isArray(normalized) ? normalized[0] : normalized;
    if (matched.length) matched.forEach((el) => isPlainObject(el) && isPlainObject(element) && Object.assign(el, element));
    else if (element !== undefined) list.push(isPlainObject(element) ? { ...equalities(filter!), ...element } : element);
  }
  container[key] = list;
}

/** The `attr eq "x"` parts of a value filter, to build the element it selects when none exists. */
function equalities(filter: Filter): Record<string, unknown> {
  if (filter.op === "eq" && !filter.path.sub) return { [filter.path.attr]: filter.value };
  if (filter.op === "and") return { ...equalities(filter.left), ...equalities(filter.right) };
  return {};
}

/** The `display` (or Entra's `displayName`) given with each member, to show back as sent. */
export function memberDisplays(value: unknown): Record<string, string> | undefined {
  const list = Array.isArray(value) ? value : [value];
  const out: Record<string, string> = {};
  for (const item of list) {
    if (!isPlainObject(item)) continue;
    const id = getCi(item, "value");
    const display = getCi(item, "display") ?? getCi(item, "displayName");
    if (typeof id === "string" && typeof display === "string") out[id] = display;
  }
  return Object.keys(out).length ? out : undefined;
}

export function memberIds(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
  return list
    .map((item) => (isPlainObject(item) ? getCi(item, "value") : item))
    .filter((v): v is string | number => typeof v === "string" || typeof v === "number")
    .map(String);
}

/** Member ids named by `value eq "x"` (or several joined by `or`), the form Okta and Entra send. */
function idsFromFilter(filter: Filter): string[] {
  if (filter.op === "or") return [...idsFromFilter(filter.left), ...idsFromFilter(filter.right)];
  if (filter.op === "eq" && filter.path.attr.toLowerCase() === "value" && typeof filter.value === "string") return [filter.value];
  throw new ScimError(400, 'Member filters must have the form value eq "<id>".', "invalidFilter");
}

function memberChange(op: Op, filter: Filter | undefined, value: unknown): MemberChange {
  if (op === "remove") {
    if (filter) return { kind: "remove", ids: idsFromFilter(filter) };
    const ids = memberIds(value);
    // Entra removes members by listing them in `value`; with neither filter nor value, all go.
    return ids.length ? { kind: "remove", ids } : { kind: "removeAll" };
  }
  const displays = memberDisplays(value);
  if (op === "replace" && !filter) return { kind: "replace", ids: memberIds(value), ...(displays ? { displays } : {}) };
  return { kind: "add", ids: memberIds(value), ...(displays ? { displays } : {}) };
}

function mergeList(existing: unknown[], incoming: unknown[]): unknown[] {
  const out = [...existing];
  for (const item of incoming) {
    if (out.some((e) => JSON.stringify(e) === JSON.stringify(item))) continue;
    // A new primary value takes the flag from the others (RFC 7643 §2.4: at most one primary).
    if (isPlainObject(item) && item.primary === true) out.forEach((e) => isPlainObject(e) && e.primary === true && (e.primary = false));
    out.push(item);
  }
  return out;
}

function existingKey(object: Record<string, unknown>, name: string): string {
  const lower = name.toLowerCase();
  return Object.keys(object).find((k) => k.toLowerCase() === lower) ?? name;
}

/** Whether every operation only changes `members`: such PATCHes need no read of the group first. */
export function touchesOnlyMembers(body: unknown): boolean {
  const operations = isPlainObject(body) ? getCi(body, "Operations") : undefined;
  if (!Array.isArray(operations) || operations.length === 0) return false;
  return operations.every((op) => {
    if (!isPlainObject(op)) return false;
    const path = getCi(op, "path");
    if (typeof path === "string" && path) return /^members($|[[.])/i.test(path.trim());
    const value = getCi(op, "value");
    return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.toLowerCase() === "members");
  });
}
