import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

/** Helpers for checking the OpenAPI document against the running server. */
export type Json = Record<string, unknown>;
export interface Operation extends Json {
  operationId: string;
  parameters: { name: string; in: "path" | "query"; required: boolean; schema: Json; example?: string }[];
  requestBody?: { content: Record<string, { schema: Json; example?: unknown }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
export interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json> };
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route file under app/ with the HTTP methods it exports, however it exports them. */
export function routeHandlers(dir: string, prefix = ""): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...routeHandlers(full, `${prefix}/${entry}`));
    else if (/^route\.(ts|tsx)$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      const methods = METHODS.filter((m) =>
        new RegExp(`export (const|async function|function) ${m}\\b|export \\{[^}]*\\bas ${m}\\b|export const \\{[^}]*\\b${m}\\b`).test(source),
      );
      found.push({ route: prefix || "/", methods: [...methods] });
    }
  }
  return found;
}

/** Whether an OpenAPI path is served by a Next route (`[id]` one segment, `[...path]` one or more). */
export function routeServes(route: string, openApiPath: string): boolean {
  const pattern = route
    .split("/")
    .map((segment) => {
      if (/^\[\.\.\.\w+\]$/.test(segment)) return ".+";
      if (/^\[\w+\]$/.test(segment)) return "[^/]+";
      return segment.replace(/[.*+?^${}()|\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${pattern}$`).test(openApiPath);
}

/** Replaces every example id (in paths, queries and bodies) with the real one. */
export function substitute<T>(value: T, ids: Map<string, string>): T {
  let text = JSON.stringify(value);
  for (const [example, real] of ids) text = text.replaceAll(example, real);
  return JSON.parse(text) as T;
}

/** Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) with the document's named schemas to refer to. */
export function documentValidator(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const rebase = (schema: Json): Json => JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')) as Json;
  ajv.addSchema({ $id: "openapi.json", components: rebase(document.components as unknown as Json) });
  return (schema: Json, value: unknown): string[] => {
    const validate = ajv.compile(rebase(schema));
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.message} ${JSON.stringify(e.params)}`);
  };
}
