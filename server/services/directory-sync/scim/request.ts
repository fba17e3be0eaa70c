import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { DirectoryRow } from "@/db/schema";
import { clientAddress } from "@/server/http/client-address";
import { findTextProblem, findUrlTextProblem, describeTextProblem } from "@/server/input-text";
import { logger } from "@/server/observability/logger";
import { metrics } from "@/server/observability/metrics";
import { noteRequestActor } from "@/server/observability/runtime";
import { ScimError, scimErrorBody } from "@/server/scim/errors";
import { idpContext } from "@/server/services/context";
import { isRetryableConflict } from "@/server/services/pg-errors";
import { scimBaseUrl } from "../directories";
import { logScimRequest } from "../request-log";
import { authenticateScim, markDirectorySynced, needsSyncMark, recentDirectory, StaleDirectoryError } from "./auth";
import type { ScimContext } from "./common";
import { resolveScimHandler, type ScimHandler, type ScimReply } from "./handlers";

const maxBodyBytes = 1024 * 1024;
const contentType = "application/scim+json; charset=utf-8";

function reply(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": contentType, ...headers } });
}

async function readJson(request: Request): Promise<unknown> {
  if (!["POST", "PUT", "PATCH"].includes(request.method)) return undefined;
  if (Number(request.headers.get("content-length") ?? "0") > maxBodyBytes) throw new ScimError(413, `The request body is larger than ${maxBodyBytes} bytes.`);
  const buffer = Buffer.from(await request.arrayBuffer());
  if (buffer.byteLength > maxBodyBytes) throw new ScimError(413, `The request body is larger than ${maxBodyBytes} bytes.`);
  const text = buffer.toString("utf8").replace(/^\uFEFF/, "");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ScimError(400, "The request body is not valid JSON.", "invalidSyntax");
  }
}

/** NUL, lone surrogates or absurd nesting would fail in the database; refused here, naming where. */
function refuseUnstorableText(url: URL, path: string[], body: unknown): void {
  const inUrl = findUrlTextProblem(url, { path });
  if (inUrl) {
    const where = inUrl.path === "path" ? "The request path" : `The query parameter '${inUrl.path}'`;
    throw new ScimError(400, `${where} ${describeTextProblem(inUrl.reason)}.`, inUrl.path.toLowerCase() === "filter" ? "invalidFilter" : "invalidValue");
  }
  const inBody = findTextProblem(body);
  if (inBody) {
    const scimType = inBody.reason === "depth" ? "invalidSyntax" : "invalidValue";
    throw new ScimError(400, `The value at '${inBody.path}' ${describeTextProblem(inBody.reason)}.`, scimType);
  }
}

const scimResources = new Set(["Users", "Groups", "Bulk", "ServiceProviderConfig", "ResourceTypes", "Schemas", "Me"]);
function scimResource(segment: string | undefined): string {
  return segment && scimResources.has(segment) ? segment : "other";
}

/**
 * One SCIM 2.0 request to one directory (`/scim/v2/<directory id>/...`): bearer-token auth (a directory
 * authenticated lately is remembered, and re-checked when stale), one transaction per write with retries on
 * conflicts, SCIM-shaped errors (never a stack trace), and a request log entry.
 */
export async function handleScimRequest(db: Db, request: Request, params: { directoryId: string; path?: string[] }): Promise<Response> {
  const started = performance.now();
  const at = new Date();
  const { directoryId, path = [] } = params;
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  // The proxy skips SCIM (see proxy.ts), so the request id is given here, the same way.
  const incomingId = request.headers.get("x-request-id");
  const requestId = incomingId && /^[\w.:-]{8,128}$/.test(incomingId) ? incomingId : randomUUID();
  let directory: DirectoryRow | undefined;
  let body: unknown;
  let result: ScimReply;
  let retryAfter: number | undefined;
  try {
    // A directory this process authenticated lately skips the lookup only for handlers that re-check
    // it in their own statement; every other request (and every error answer) asks the database.
    const idp = idpContext(db, "scim");
    const recent = recentDirectory(directoryId, authorization);
    directory = recent ?? (await authenticateScim(idp, directoryId, authorization, clientAddress(request.headers)));
    let remembered = recent !== null;
    const verify = async () => {
      directory = undefined;
      directory = await authenticateScim(idp, directoryId, authorization, clientAddress(request.headers));
      remembered = false;
    };
    let handler: ScimHandler;
    try {
      const parsed = await readJson(request);
      refuseUnstorableText(url, path, parsed);
      // Only storable bodies reach the request log.
      body = parsed;
      const query = new Map<string, string>();
      // Query parameter names are matched case-insensitively (Entra sends `startindex`).
      for (const [key, value] of url.searchParams) query.set(key.toLowerCase(), value);
      handler = resolveScimHandler({ method: request.method, segments: path, query, body }, scimBaseUrl(directoryId));
    } catch (error) {
      if (remembered) await verify();
      throw error;
    }
    if (remembered && !handler.checksRememberedDirectory) await verify();
    for (let attempt = 1; ; attempt++) {
      const current: DirectoryRow = directory;
      const ctx: ScimContext = { db, directory: current, baseUrl: scimBaseUrl(current.id), now: at, remembered };
      const mark = needsSyncMark(current);
      try {
        result =
          handler.transactional || mark
            ? await db.transaction(async (tx) => {
                if (mark) await markDirectorySynced(tx, current, at);
                return handler.run({ ...ctx, db: tx });
              })
            : await handler.run(ctx);
        break;
      } catch (error) {
        const stale = error instanceof StaleDirectoryError;
        if (attempt >= 3 || !(stale || isRetryableConflict(error))) throw error;
        // Authenticating again answers 401 when the token was rotated or the directory is gone.
        if (stale) await verify();
      }
    }
  } catch (error) {
    if (error instanceof ScimError) {
      result = { status: error.status, body: scimErrorBody(error.status, error.message, error.scimType) };
      retryAfter = error.retryAfterSeconds;
    } else {
      logger().error({ requestId, error: (error as Error)?.message }, "SCIM request failed");
      result = { status: 500, body: scimErrorBody(500, `Internal error. Quote request id ${requestId} when reporting it.`) };
    }
  }
  if (directory) {
    noteRequestActor("scim_directory", directory.organizationId);
    // The resource is the first path segment only: the rest are ids.
    metrics().scimOperations.inc({ directory_type: directory.type, method: request.method, resource: scimResource(path[0]), status: String(result.status) });
    logScimRequest(db, {
      organizationId: directory.organizationId,
      directoryId: directory.id,
      method: request.method,
      path: `${url.pathname.replace(/^\/scim\/v2\/[^/]+/, "")}${url.search}`,
      status: result.status,
      durationMs: performance.now() - started,
      body,
      at,
    });
  }
  const headers: Record<string, string> = { "X-Request-ID": requestId };
  if (result.location && result.status === 201) headers.Location = result.location;
  if (retryAfter !== undefined) headers["Retry-After"] = String(retryAfter);
  return reply(result.status, result.body, headers);
}
