import { z } from "zod";
import "./operations";
import { type OperationSpec, registeredOperations, type Security } from "./registry";

type Json = Record<string, unknown>;

const securitySchemes = {
  apiKey: { type: "http", scheme: "bearer", description: "An API key from the dashboard's API keys page (`sk_…`), as `Authorization: Bearer <key>`." },
  scim: { type: "http", scheme: "bearer", description: "The directory's SCIM bearer token, shown once when the directory is created or its token is rotated." },
  accessToken: { type: "http", scheme: "bearer", description: "The `access_token` from `POST /sso/token`." },
} as const;

/** Turns zod schemas into JSON Schema 2020-12 (OpenAPI 3.1's dialect), named schemas gathered as components. */
class SchemaCollector {
  readonly components: Record<string, Json> = {};

  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const json = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const names: Record<string, string> = {};
    for (const [id, def] of Object.entries(defs)) names[id] = this.add(id, def, io);
    const own = z.globalRegistry.get(schema)?.id;
    const rewritten = rewriteRefs(json, names);
    if (!own || rewritten.$ref) return rewritten;
    delete rewritten.id;
    return { $ref: `#/components/schemas/${this.add(own, rewritten, io)}` };
  }

  private add(id: string, def: Json, io: "input" | "output"): string {
    const body = rewriteRefs(def, {});
    const existing = this.components[id];
    if (!existing || JSON.stringify(existing) === JSON.stringify(body)) {
      this.components[id] = body;
      return id;
    }
    // The same schema read as input (before transforms) and as output can differ.
    const alternative = `${id}${io === "input" ? "Input" : "Output"}`;
    this.components[alternative] = body;
    return alternative;
  }
}

function rewriteRefs<T>(value: T, names: Record<string, string>): T {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, names)) as T;
  if (value && typeof value === "object") {
    const out: Json = {};
    for (const [key, v] of Object.entries(value as Json)) {
      if (key === "$ref" && typeof v === "string" && v.startsWith("#/$defs/")) {
        const id = v.slice("#/$defs/".length);
        out[key] = `#/components/schemas/${names[id] ?? id}`;
      } else out[key] = rewriteRefs(v, names);
    }
    return out as T;
  }
  return value;
}

function parameters(collector: SchemaCollector, where: "path" | "query", schema: z.ZodObject | undefined, example: Record<string, string> = {}) {
  if (!schema) return [];
  const json = collector.convert(schema, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
      ...(example[name] !== undefined ? { example: example[name] } : {}),
    };
  });
}

function concretePath(op: OperationSpec, base: string): string {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => op.example?.path?.[name] ?? `{${name}}`);
  const query = op.example?.query ? `?${new URLSearchParams(op.example.query)}` : "";
  return `${base}${path}${query}`;
}

function curlSample(op: OperationSpec, base: string): string {
  const lines = [`curl${op.method === "get" ? "" : ` -X ${op.method.toUpperCase()}`} "${concretePath(op, base)}"`];
  if (op.security === "apiKey") lines.push(`  -H "Authorization: Bearer $PORTICO_API_KEY"`);
  if (op.security === "scim") lines.push(`  -H "Authorization: Bearer $SCIM_TOKEN"`);
  if (op.security === "accessToken") lines.push(`  -H "Authorization: Bearer $ACCESS_TOKEN"`);
  if (op.body !== undefined && op.example?.body !== undefined) {
    if (op.bodyContentType === "application/x-www-form-urlencoded") {
      for (const [k, v] of Object.entries(op.example.body as Record<string, string>)) lines.push(`  --data-urlencode "${k}=${v}"`);
    } else {
      lines.push(`  -H "Content-Type: ${op.bodyContentType ?? "application/json"}"`);
      lines.push(`  -d '${JSON.stringify(op.example.body)}'`);
    }
  }
  return lines.join(" \\\n");
}

function nodeSample(op: OperationSpec, base: string): string | null {
  if (!op.node) return null;
  return `import { WorkOS } from "@workos-inc/node";\n\nconst workos = new WorkOS(process.env.PORTICO_API_KEY, { apiHostname: "${new URL(base).host}", https: ${base.startsWith("https:")} });\n\n${op.node}`;
}

function securityOf(security: Security) {
  return security === "none" ? [] : [{ [security]: [] }];
}

function operationObject(collector: SchemaCollector, op: OperationSpec, base: string): Json {
  const responses: Json = {};
  for (const [status, response] of Object.entries(op.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? { headers: Object.fromEntries(Object.entries(response.headers).map(([n, d]) => [n, { description: d, schema: { type: "string" } }])) }
        : {}),
      ...(response.schema ? { content: { [response.contentType ?? "application/json"]: { schema: collector.convert(response.schema, "output") } } } : {}),
      ...(!response.schema && response.contentType ? { content: { [response.contentType]: { schema: { type: "string" } } } } : {}),
    };
  }
  const node = nodeSample(op, base);
  return {
    operationId: op.operationId,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    security: securityOf(op.security),
    parameters: [...parameters(collector, "path", op.pathParams, op.example?.path), ...parameters(collector, "query", op.query, op.example?.query)],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: {
              [op.bodyContentType ?? "application/json"]: {
                schema: collector.convert(op.body, "input"),
                ...(op.example?.body !== undefined ? { example: op.example.body } : {}),
              },
            },
          },
        }
      : {}),
    responses,
    ...(op.extension ? { "x-portico-extension": true } : {}),
    "x-codeSamples": [
      ...(node ? [{ lang: "JavaScript", label: "@workos-inc/node", source: node }] : []),
      { lang: "Shell", label: "curl", source: curlSample(op, base) },
    ],
  };
}

/** The OpenAPI 3.1 document of Portico's API, built from the registered operations' zod schemas. */
export function openApiDocument(baseUrl: string): Json {
  const collector = new SchemaCollector();
  const paths: Record<string, Json> = {};
  for (const op of registeredOperations()) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = operationObject(collector, op, baseUrl);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Portico API",
      version: "1",
      description:
        "Portico answers the WorkOS API for organizations, SSO, Directory Sync, Audit Logs, events, webhooks and the Admin Portal, so `@workos-inc/node` and the other WorkOS SDKs work against it. Operations marked `x-portico-extension` are Portico's own additions.",
    },
    servers: [{ url: baseUrl }],
    tags: [...new Set(registeredOperations().map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: { schemas: collector.components, securitySchemes },
  };
}
