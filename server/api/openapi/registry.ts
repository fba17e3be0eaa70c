import type { z } from "zod";

/**
 * The OpenAPI registry. Each area's module under `operations/` registers its routes' operations with the
 * zod schemas those routes validate their input with and shape their answers by; `document.ts` turns the
 * registry into the OpenAPI 3.1 document served at `/openapi.json`. Nothing in the document is written by hand.
 */
export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** `apiKey`: an API key as a bearer token; `scim`: a directory's SCIM bearer token; `accessToken`: from POST /sso/token. */
export type Security = "apiKey" | "scim" | "accessToken" | "none";

export interface ResponseSpec {
  description: string;
  /** The body's schema; omitted for an empty answer (204, 202) or a redirect. */
  schema?: z.ZodType;
  contentType?: string;
  headers?: Record<string, string>;
}

export interface OperationSpec {
  method: HttpMethod;
  /** OpenAPI path, `{name}` for parameters: `/organizations/{id}`. */
  path: string;
  /** The route file under app/ that serves it, as Next names its folders: `/organizations/[id]`. */
  route: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  security: Security;
  /** True for Portico's own additions to the WorkOS API. */
  extension?: boolean;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyContentType?: string;
  responses: Record<number, ResponseSpec>;
  /** A request that works against a fresh installation (ids from the fixtures the examples create). */
  example?: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  /** The same call with `@workos-inc/node` (`workos` is a configured client), when the SDK has one. */
  node?: string;
}

const operations: OperationSpec[] = [];

export function registerOperation(spec: OperationSpec): OperationSpec {
  if (operations.some((o) => o.method === spec.method && o.path === spec.path)) throw new Error(`${spec.method} ${spec.path} is registered twice`);
  operations.push(spec);
  return spec;
}

export function registeredOperations(): readonly OperationSpec[] {
  return operations;
}
