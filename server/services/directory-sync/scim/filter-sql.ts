import { sql, type SQL } from "drizzle-orm";
import { directoryGroupMembers, directoryGroups, directoryUsers } from "@/db/schema";
import { ScimError } from "@/server/scim/errors";
import type { CompareOp, Filter, FilterValue } from "@/server/scim/filter";
import { attrDef, subAttrDef, type AttrPath } from "@/server/scim/paths";
import type { AttrType, ResourceKind } from "@/server/scim/schemas";

/**
 * SCIM filters as SQL, so `totalResults` is exact and `userName eq` uses its index at any size.
 * Stored columns serve id, userName, externalId, active, displayName and meta dates; everything else
 * is read from the stored resource (JSONB), multi-valued attributes through `jsonb_array_elements`.
 */
interface Operand {
  expr: SQL;
  type: AttrType;
  caseExact: boolean;
  /** A text column with a `lower(...)` index: compare through lower() to use it. */
  indexedLower?: boolean;
  /** NOT NULL columns skip `coalesce`, which would hide them from their index. */
  notNull?: boolean;
}

function invalid(detail: string) {
  return new ScimError(400, `The filter is invalid: ${detail}.`, "invalidFilter");
}

function likeEscape(value: string) {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toDate(value: FilterValue): string {
  const date = typeof value === "string" ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw invalid(`'${String(value)}' is not a dateTime`);
  return date.toISOString();
}

function compare(operand: Operand, op: CompareOp, value: FilterValue): SQL {
  const { expr } = operand;
  if (value === null) {
    if (op === "eq") return sql`(${expr}) is null`;
    if (op === "ne") return sql`(${expr}) is not null`;
    throw invalid(`${op} cannot compare with null`);
  }
  if (operand.type === "boolean") {
    const wanted = typeof value === "boolean" ? value : String(value).toLowerCase() === "true";
    const text = sql`lower((${expr})::text)`;
    if (op === "eq") return sql`coalesce(${text} = ${String(wanted)}, false)`;
    if (op === "ne") return sql`not coalesce(${text} = ${String(wanted)}, false)`;
    throw invalid(`${op} does not apply to a boolean`);
  }
  if (operand.type === "dateTime") {
    const at = toDate(value);
    const symbol = { eq: "=", ne: "<>", gt: ">", ge: ">=", lt: "<", le: "<=" }[op as string];
    if (!symbol) throw invalid(`${op} does not apply to a dateTime`);
    return sql`(${expr})::timestamptz ${sql.raw(symbol)} ${at}::timestamptz`;
  }
  const text = String(value);
  const ci = !operand.caseExact;
  const left = ci ? sql`lower(${expr})` : expr;
  const right = ci ? sql`lower(${text})` : sql`${text}`;
  const like = ci ? sql.raw("ilike") : sql.raw("like");
  // NULL is "no match" for a WHERE clause; only negation needs it made false first.
  const known = (condition: SQL) => condition;
  switch (op) {
    case "eq":
      return known(sql`${left} = ${right}`);
    case "ne":
      return sql`not coalesce(${left} = ${right}, false)`;
    case "co":
      return known(sql`${expr} ${like} ${`%${likeEscape(text)}%`}`);
    case "sw":
      return known(sql`${expr} ${like} ${`${likeEscape(text)}%`}`);
    case "ew":
      return known(sql`${expr} ${like} ${`%${likeEscape(text)}`}`);
    case "gt":
      return known(sql`${left} > ${right}`);
    case "ge":
      return known(sql`${left} >= ${right}`);
    case "lt":
      return known(sql`${left} < ${right}`);
    case "le":
      return known(sql`${left} <= ${right}`);
  }
}

function present(expr: SQL, json: boolean): SQL {
  if (!json) return sql`coalesce((${expr})::text <> '', false)`;
  return sql`coalesce(jsonb_typeof(${expr}) is not null and (${expr}) not in ('null'::jsonb, '""'::jsonb, '[]'::jsonb, '{}'::jsonb), false)`;
}

/** The JSONB value at a path of the stored resource. */
function jsonAt(raw: SQL, path: AttrPath, includeSub = true): SQL {
  let expr = path.urn ? sql`(${raw} -> ${path.urn})` : raw;
  expr = sql`(${expr} -> ${path.attr})`;
  if (includeSub && path.sub) expr = sql`(${expr} -> ${path.sub})`;
  return expr;
}

function elements(json: SQL): SQL {
  return sql`jsonb_array_elements(case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end)`;
}

export interface FilterTarget {
  kind: ResourceKind;
  /** The stored resource column (JSONB). */
  raw: SQL;
  /** Columns that stand in for attributes, by lower-cased path. */
  columns: Record<string, Operand>;
  /** Multi-valued attributes backed by rows (a user's groups, a group's members). */
  relation?: { attr: string; exists: (condition: (valueColumn: SQL) => SQL) => SQL };
}

function columnFor(target: FilterTarget, path: AttrPath): Operand | undefined {
  if (path.urn) return undefined;
  const key = `${path.attr}${path.sub ? `.${path.sub}` : ""}`.toLowerCase();
  return target.columns[key];
}

export function filterToSql(target: FilterTarget, filter: Filter): SQL {
  switch (filter.op) {
    case "and":
      return sql`(${filterToSql(target, filter.left)} and ${filterToSql(target, filter.right)})`;
    case "or":
      return sql`(${filterToSql(target, filter.left)} or ${filterToSql(target, filter.right)})`;
    case "not":
      return sql`(not coalesce(${filterToSql(target, filter.filter)}, false))`;
    case "has":
      return valuePath(target, filter.path, filter.filter);
    default:
      return attributeCondition(target, filter.path, filter.op, filter.op === "pr" ? null : filter.value);
  }
}

function attributeCondition(target: FilterTarget, path: AttrPath, op: CompareOp | "pr", value: FilterValue): SQL {
  const column = columnFor(target, path);
  if (column) return op === "pr" ? present(column.expr, false) : compare(column, op, value);
  if (target.relation && !path.urn && path.attr.toLowerCase() === target.relation.attr.toLowerCase()) {
    if (path.sub && path.sub.toLowerCase() !== "value") throw invalid(`only ${target.relation.attr}.value can be filtered`);
    if (op === "pr") return target.relation.exists(() => sql`true`);
    return target.relation.exists((valueColumn) => compare({ expr: valueColumn, type: "string", caseExact: true }, op, value));
  }
  const def = attrDef(target.kind, path);
  const leaf = subAttrDef(target.kind, path);
  if (def?.multiValued || (def?.type === "complex" && !path.sub && def.subAttributes?.some((s) => s.name === "value"))) {
    // `emails co "x"` means the value of any element; `emails.type eq "work"` any element's type.
    const sub = path.sub ?? "value";
    const subDef = def.subAttributes?.find((s) => s.name === sub);
    const list = jsonAt(target.raw, path, false);
    if (!def.multiValued) return elementCondition(sql`(${list} -> ${sub})`, subDef?.type ?? "string", subDef?.caseExact ?? false, op, value);
    return sql`exists (select 1 from ${elements(list)} as e(v) where ${elementCondition(sql`(e.v -> ${sub})`, subDef?.type ?? "string", subDef?.caseExact ?? false, op, value)})`;
  }
  return elementCondition(jsonAt(target.raw, path), leaf?.type ?? "string", leaf?.caseExact ?? false, op, value);
}

function elementCondition(json: SQL, type: AttrType, caseExact: boolean, op: CompareOp | "pr", value: FilterValue): SQL {
  if (op === "pr") return present(json, true);
  return compare({ expr: sql`(${json} #>> '{}')`, type, caseExact }, op, value);
}

/** `emails[type eq "work" and value co "@example.com"]`: one element must satisfy the whole inner filter. */
function valuePath(target: FilterTarget, path: AttrPath, inner: Filter): SQL {
  if (target.relation && !path.urn && path.attr.toLowerCase() === target.relation.attr.toLowerCase()) {
    return target.relation.exists((valueColumn) => relationElement(valueColumn, inner));
  }
  const def = attrDef(target.kind, path);
  const element = (f: Filter): SQL => {
    switch (f.op) {
      case "and":
        return sql`(${element(f.left)} and ${element(f.right)})`;
      case "or":
        return sql`(${element(f.left)} or ${element(f.right)})`;
      case "not":
        return sql`(not coalesce(${element(f.filter)}, false))`;
      case "has":
        throw invalid("value filters cannot nest");
      default: {
        const subDef = def?.subAttributes?.find((s) => s.name.toLowerCase() === f.path.attr.toLowerCase());
        const key = subDef?.name ?? f.path.attr;
        return elementCondition(sql`(e.v -> ${key})`, subDef?.type ?? "string", subDef?.caseExact ?? false, f.op, f.op === "pr" ? null : f.value);
      }
    }
  };
  return sql`exists (select 1 from ${elements(jsonAt(target.raw, path, false))} as e(v) where ${element(inner)})`;
}

function relationElement(valueColumn: SQL, f: Filter): SQL {
  switch (f.op) {
    case "and":
      return sql`(${relationElement(valueColumn, f.left)} and ${relationElement(valueColumn, f.right)})`;
    case "or":
      return sql`(${relationElement(valueColumn, f.left)} or ${relationElement(valueColumn, f.right)})`;
    case "not":
      return sql`(not coalesce(${relationElement(valueColumn, f.filter)}, false))`;
    case "has":
      throw invalid("value filters cannot nest");
    default:
      if (f.path.attr.toLowerCase() !== "value") throw invalid("only value can be filtered inside members[...] or groups[...]");
      if (f.op === "pr") return sql`true`;
      return compare({ expr: valueColumn, type: "string", caseExact: true }, f.op, f.value);
  }
}

export const userFilterTarget: FilterTarget = {
  kind: "User",
  raw: sql`${directoryUsers.rawAttributes}`,
  columns: {
    id: { expr: sql`${directoryUsers.id}`, type: "string", caseExact: true, notNull: true },
    username: { expr: sql`${directoryUsers.userName}`, type: "string", caseExact: false, indexedLower: true, notNull: true },
    externalid: { expr: sql`${directoryUsers.externalId}`, type: "string", caseExact: true, notNull: false },
    active: { expr: sql`${directoryUsers.active}`, type: "boolean", caseExact: false },
    "meta.created": { expr: sql`${directoryUsers.createdAt}`, type: "dateTime", caseExact: false },
    "meta.lastmodified": { expr: sql`${directoryUsers.updatedAt}`, type: "dateTime", caseExact: false },
  },
  relation: {
    attr: "groups",
    exists: (condition) => sql`exists (select 1 from ${directoryGroupMembers} m where m.user_id = ${directoryUsers.id} and ${condition(sql`m.group_id`)})`,
  },
};

export const groupFilterTarget: FilterTarget = {
  kind: "Group",
  raw: sql`${directoryGroups.rawAttributes}`,
  columns: {
    id: { expr: sql`${directoryGroups.id}`, type: "string", caseExact: true, notNull: true },
    displayname: { expr: sql`${directoryGroups.displayName}`, type: "string", caseExact: false, indexedLower: true, notNull: true },
    externalid: { expr: sql`${directoryGroups.externalId}`, type: "string", caseExact: true },
    "meta.created": { expr: sql`${directoryGroups.createdAt}`, type: "dateTime", caseExact: false },
    "meta.lastmodified": { expr: sql`${directoryGroups.updatedAt}`, type: "dateTime", caseExact: false },
  },
  relation: {
    attr: "members",
    exists: (condition) => sql`exists (select 1 from ${directoryGroupMembers} m where m.group_id = ${directoryGroups.id} and ${condition(sql`m.user_id`)})`,
  },
};

/** `sortBy` (RFC 7644 §3.4.2.3): a column when there is one, else the text at the path. */
export function sortExpression(target: FilterTarget, path: AttrPath): SQL {
  const column = columnFor(target, path);
  if (column) return column.caseExact || column.type !== "string" ? column.expr : sql`lower(${column.expr})`;
  const def = attrDef(target.kind, path);
  if (def?.multiValued) {
    const sub = path.sub ?? "value";
    const list = jsonAt(target.raw, path, false);
    // Multi-valued: sort by the primary value, else the first (RFC 7644 §3.4.2.3).
    return sql`lower(coalesce((select e.v ->> ${sub} from ${elements(list)} as e(v) where e.v -> 'primary' = 'true'::jsonb limit 1), ${list} -> 0 ->> ${sub}))`;
  }
  return sql`lower(${jsonAt(target.raw, path)} #>> '{}')`;
}
