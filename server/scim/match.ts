import type { Filter, FilterValue } from "./filter";

/** Case-insensitive property lookup (RFC 7643 §2.1: attribute names are case-insensitive). */
export function getCi(object: unknown, key: string): unknown {
  if (typeof object !== "object" || object === null || Array.isArray(object)) return undefined;
  const record = object as Record<string, unknown>;
  if (key in record) return record[key];
  const lower = key.toLowerCase();
  const found = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : record[found];
}

function compare(actual: unknown, op: string, expected: FilterValue): boolean {
  if (Array.isArray(actual)) return actual.some((a) => compare(typeof a === "object" && a ? getCi(a, "value") : a, op, expected));
  if (op === "eq" && expected === null) return actual === undefined || actual === null;
  if (op === "ne" && expected === null) return actual !== undefined && actual !== null;
  if (actual === undefined || actual === null) return op === "ne";
  if (typeof expected === "boolean" || typeof actual === "boolean") {
    const a = typeof actual === "string" ? actual.toLowerCase() === "true" : Boolean(actual);
    const e = typeof expected === "string" ? expected.toLowerCase() === "true" : Boolean(expected);
    return op === "eq" ? a === e : op === "ne" ? a !== e : false;
  }
  if (typeof expected === "number" && typeof actual === "number") {
    switch (op) {
      case "eq":
        return actual === expected;
      case "ne":
        return actual !== expected;
      case "gt":
        return actual > expected;
      case "ge":
        return actual >= expected;
      case "lt":
        return actual < expected;
      case "le":
        return actual <= expected;
      default:
        return false;
    }
  }
  const a = String(actual).toLowerCase();
  const e = String(expected).toLowerCase();
  switch (op) {
    case "eq":
      return a === e;
    case "ne":
      return a !== e;
    case "co":
      return a.includes(e);
    case "sw":
      return a.startsWith(e);
    case "ew":
      return a.endsWith(e);
    case "gt":
      return a > e;
    case "ge":
      return a >= e;
    case "lt":
      return a < e;
    case "le":
      return a <= e;
    default:
      return false;
  }
}

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** Evaluates a filter against one plain object: used for value filters such as `emails[type eq "work"]`. */
export function matches(filter: Filter, object: unknown): boolean {
  switch (filter.op) {
    case "and":
      return matches(filter.left, object) && matches(filter.right, object);
    case "or":
      return matches(filter.left, object) || matches(filter.right, object);
    case "not":
      return !matches(filter.filter, object);
    case "has": {
      const list = getCi(object, filter.path.attr);
      return Array.isArray(list) && list.some((item) => matches(filter.filter, item));
    }
    default: {
      const base = filter.path.urn ? getCi(object, filter.path.urn) : object;
      let value = getCi(base, filter.path.attr);
      if (filter.path.sub) value = Array.isArray(value) ? value.map((v) => getCi(v, filter.path.sub!)) : getCi(value, filter.path.sub);
      if (filter.op === "pr") return present(value);
      return compare(value, filter.op, filter.value);
    }
  }
}
