import { ValidationError } from "@/server/errors";
import { z } from "zod";
import { parseInput } from "@/server/services/validate";

/** The JSON body must be an object; anything else is named as the problem. */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ValidationError([{ field: "body", code: "invalid_type", message: "must be a JSON object" }]);
  }
  return body as Record<string, unknown>;
}

/** WorkOS list query: `limit`, `before`, `after`, `order`; arrays arrive comma-joined (`domains=a.com,b.com`). */
export function listQuery(url: URL) {
  const get = (name: string) => url.searchParams.get(name) ?? undefined;
  return {
    limit: get("limit") as number | undefined,
    before: get("before"),
    after: get("after"),
    order: get("order") as "asc" | "desc" | undefined,
  };
}

export function csvParam(url: URL, name: string): string[] | undefined {
  const values = url.searchParams
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

/** A list response in the WorkOS shape. */
export function listBody<T>(page: { data: T[]; listMetadata: { before: string | null; after: string | null } }) {
  return { object: "list", data: page.data, list_metadata: page.listMetadata };
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * The wire (snake_case) form of a service's input schema: the same field schemas under the names
 * integrators send. `nullable` fields also take `null` for "leave as is" (the SDK sends unset fields so).
 */
export function wireSchema(schema: z.ZodObject, options: { nullable?: boolean; omit?: string[] } = {}): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (options.omit?.includes(key)) continue;
    shape[snake(key)] = options.nullable ? field.nullish() : field;
  }
  return z.object(shape);
}

/** Validates a JSON body against a wire schema, naming each refused field as sent. `dropNull`: null means "not sent". */
export function wireBody(schema: z.ZodType, body: unknown, options: { dropNull?: boolean } = {}): Record<string, unknown> {
  const parsed = parseInput(schema, bodyObject(body)) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined && !(options.dropNull && value === null)));
}

/** A parsed wire body's keys in the services' camelCase (one level: nested values stay as parsed). */
export function camelKeys(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).map(([key, value]) => [camel(key), value]));
}
