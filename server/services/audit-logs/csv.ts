import { sql, type SQL } from "drizzle-orm";
import { auditLogEvents } from "@/db/schema";
import { isoTimestampText } from "@/server/services/sql";

const FIXED_COLUMNS = ["id", "action", "version", "occurred_at", "actor.id", "actor.type", "actor.name", "context.location", "context.user_agent"];

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
  const dynamic = [...new Set(seen)].filter((c) => !FIXED_COLUMNS.includes(c));
  const slot = (c: string) => (c.startsWith("actor.") ? 0 : c.startsWith("targets.") ? 1 : 2);
  const index = (c: string) => (c.startsWith("targets.") ? Number(c.split(".")[1]) : 0);
  dynamic.sort((a, b) => slot(a) - slot(b) || index(a) - index(b) || a.localeCompare(b));
  return [...FIXED_COLUMNS, ...dynamic];
}

/*
 * The export's rows are written by Postgres: each event becomes its CSV line in the query, so the server
 * handles one string per page instead of an object per row and per field, and its memory stays flat.
 * `csvTextCellSql` (a text column's cell; NULL is written as an empty cell) and `csvJsonCellSql` are `csvCell`
 * in SQL; the export's tests hold the two equal.
 */

function csvTextCellSql(text: SQL): SQL<string> {
  const neutral = sql`case when ${text} ~ '^[=+@\\t\\r-]' then '''' || ${text} else ${text} end`;
  return sql<string>`case when ${neutral} ~ '[",\\r\\n]' then '"' || replace(${neutral}, '"', '""') || '"' else ${neutral} end`;
}

/** A JSON value's cell: strings quoted and neutralised, numbers and booleans as they are, null empty. */
function csvJsonCellSql(value: SQL): SQL<string> {
  return sql<string>`case jsonb_typeof(${value})
    when 'string' then ${csvTextCellSql(sql`(${value} #>> '{}')`)}
    when 'number' then ${value}::text
    when 'boolean' then ${value}::text
    when 'null' then null
    else ${csvTextCellSql(sql`${value}::text`)} end`;
}

const TARGET_COLUMN = /^targets\.(\d{1,4})\.(id|type|name|metadata\.(.+))$/;

/** The SQL for one export column's cell, from the column's dotted name. Keys are bound, never spliced in. */
function columnCellSql(column: string): SQL<string> {
  const t = auditLogEvents;
  switch (column) {
    case "id":
      return csvTextCellSql(sql`${t.id}`);
    case "action":
      return csvTextCellSql(sql`${t.action}`);
    case "version":
      return sql<string>`${t.version}::text`;
    case "occurred_at":
      return isoTimestampText(sql`${t.occurredAt}`);
    case "actor.id":
      return csvJsonCellSql(sql`(${t.actor} -> 'id')`);
    case "actor.type":
      return csvJsonCellSql(sql`(${t.actor} -> 'type')`);
    case "actor.name":
      return csvJsonCellSql(sql`(${t.actor} -> 'name')`);
    case "context.location":
      return csvTextCellSql(sql`${t.location}`);
    case "context.user_agent":
      return csvTextCellSql(sql`${t.userAgent}`);
  }
  if (column.startsWith("actor.metadata.")) return csvJsonCellSql(sql`(${t.actor} -> 'metadata' -> ${column.slice(15)}::text)`);
  if (column.startsWith("metadata.")) return csvJsonCellSql(sql`(${t.metadata} -> ${column.slice(9)}::text)`);
  const target = TARGET_COLUMN.exec(column);
  if (target) {
    const slot = sql`(${t.targets} -> ${Number(target[1])}::int)`;
    return target[3] === undefined ? csvJsonCellSql(sql`(${slot} -> ${target[2]}::text)`) : csvJsonCellSql(sql`(${slot} -> 'metadata' -> ${target[3]}::text)`);
  }
  return sql<string>`null`;
}

/** One event's CSV line (with its CRLF) as SQL, for the given columns. */
export function csvLineSql(columns: string[]): SQL<string> {
  const cells = sql.join(columns.map(columnCellSql), sql`, `);
  // array_to_string rather than concat: a function takes at most 100 arguments, and NULL must become ''.
  return sql<string>`array_to_string(array[${cells}]::text[], ',', '') || E'\\r\\n'`;
}

/**
 * The export's dynamic columns (actor metadata, target slots, event metadata) found among the events
 * `where` selects, with their count: one aggregate statement, no rows sent to the server.
 */
export function columnsAndCountSql(where: SQL, limit: number): SQL {
  const t = auditLogEvents;
  const objectOf = (value: SQL) => sql`case when jsonb_typeof(${value}) = 'object' then ${value} else '{}'::jsonb end`;
  const arrayOf = (value: SQL) => sql`case when jsonb_typeof(${value}) = 'array' then ${value} else '[]'::jsonb end`;
  return sql`with e as materialized (select ${t.actor} as actor, ${t.targets} as targets, ${t.metadata} as metadata from ${t} where ${where}),
    slots as (select s.value, s.ordinality - 1 as slot from e, jsonb_array_elements(${arrayOf(sql`e.targets`)}) with ordinality as s)
    select (select count(*) from e)::int as count, array(select name from (
      select 'actor.metadata.' || m.key as name from e, jsonb_each(${objectOf(sql`e.actor -> 'metadata'`)}) as m where jsonb_typeof(m.value) <> 'null'
      union select 'targets.' || slots.slot || '.' || f.field from slots, (values ('id'), ('type'), ('name')) as f(field)
        where jsonb_typeof(slots.value -> f.field) <> 'null'
      union select 'targets.' || slots.slot || '.metadata.' || m.key from slots, jsonb_each(${objectOf(sql`slots.value -> 'metadata'`)}) as m
        where jsonb_typeof(m.value) <> 'null'
      union select 'metadata.' || m.key from e, jsonb_each(${objectOf(sql`e.metadata`)}) as m where jsonb_typeof(m.value) <> 'null'
    ) as names order by name limit ${limit}) as columns`;
}
