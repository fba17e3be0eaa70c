import "server-only";
import { getDb, type Db } from "@/db/client";
import { DomainError, UnauthorizedError, ValidationError } from "@/server/errors";
import { authenticateApiRequest } from "@/server/services/api-keys";
import type { ServiceContext } from "@/server/services/context";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "@/server/services/idempotency";
import { env } from "@/server/env";
import { requestIdFrom } from "@/server/http/request-id";
import { findTextProblem, findUrlTextProblem, textFieldError } from "@/server/input-text";
import { noteRequestActor } from "@/server/observability/runtime";
import { directRoute } from "./direct-route";
import { toApiError } from "./errors";

const MAX_BODY_BYTES = 1024 * 1024;

interface ApiRequest<P> {
  ctx: ServiceContext;
  params: P;
  url: URL;
  /** The parsed JSON body (POST/PUT/PATCH); `{}` when empty. */
  body: unknown;
  request: Request;
}

interface ApiResult {
  status?: number;
  body?: unknown;
}

type Handler<P> = (input: ApiRequest<P>) => Promise<ApiResult>;

function json(status: number, body: unknown, requestId: string, extra: Record<string, string> = {}): Response {
  const headers = { "X-Request-ID": requestId, ...extra };
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
}

async function readBody(request: Request): Promise<{ text: string; value: unknown }> {
  if (!["POST", "PUT", "PATCH"].includes(request.method)) return { text: "", value: {} };
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge();
  const buffer = Buffer.from(await request.arrayBuffer());
  if (buffer.byteLength > MAX_BODY_BYTES) throw new BodyTooLarge();
  const text = buffer.toString("utf8");
  if (!text.trim()) return { text, value: {} };
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return { text, value: Object.fromEntries(new URLSearchParams(text)) };
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch {
    throw new ValidationError([{ field: "body", code: "invalid_json", message: "is not valid JSON" }], "The request body is not valid JSON.");
  }
}

class BodyTooLarge extends DomainError {
  constructor() {
    super("request_too_large", `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  }
}

/** The key behind the bearer secret, with one hit counted against its rate limit (one statement for both). */
async function authenticate(db: Db, request: Request) {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const key = match ? await authenticateApiRequest(db, match[1]!, env().API_RATE_LIMIT_PER_MINUTE, 60_000) : null;
  if (!key) throw new UnauthorizedError("Could not authorize the request. Check the API key in the Authorization header.");
  return key;
}

/**
 * Wraps a REST handler: request id, API-key auth, body limits and parsing, `Idempotency-Key` on
 * POST, and WorkOS-shaped JSON errors. Handlers stay thin: parse, call a service, shape the reply.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>) {
  return directRoute(async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    let idempotency: { apiKeyId: string; key: string } | undefined;
    let db: Db | undefined;
    try {
      db = await getDb();
      const apiKey = await authenticate(db, request);
      noteRequestActor("api_key");
      apiKey.checkRateLimit();
      const { text, value } = await readBody(request);
      const url = new URL(request.url);
      const params = await context.params;
      const unstorable = findUrlTextProblem(url, params) ?? findTextProblem(value);
      if (unstorable) throw new ValidationError([textFieldError(unstorable)]);
      const idempotencyKey = request.headers.get("idempotency-key");
      if (request.method === "POST" && idempotencyKey) {
        const claim = await claimIdempotencyKey(db, {
          apiKeyId: apiKey.id,
          key: idempotencyKey,
          fingerprint: `${request.method} ${url.pathname}${url.search}\n${text}`,
        });
        if (claim.kind === "replay") {
          return json(claim.response.status, JSON.parse(claim.response.body), requestId, { "Idempotent-Replayed": "true" });
        }
        idempotency = { apiKeyId: apiKey.id, key: idempotencyKey };
      }
      const result = await handler({
        ctx: { db, actor: { type: "apiKey", apiKeyId: apiKey.id } },
        params,
        url,
        body: value,
        request,
      });
      const status = result.status ?? 200;
      if (idempotency) await completeIdempotencyKey(db, idempotency, { status, body: JSON.stringify(result.body ?? null) });
      return json(status, result.body ?? null, requestId);
    } catch (error) {
      const mapped = toApiError(error, requestId);
      if (idempotency && db) {
        // Client errors are part of the answer and replay; server errors leave the key free to retry.
        if (mapped.status < 500) await completeIdempotencyKey(db, idempotency, { status: mapped.status, body: JSON.stringify(mapped.body) }).catch(() => {});
        else await releaseIdempotencyKey(db, idempotency).catch(() => {});
      }
      return json(mapped.status, mapped.body, requestId, mapped.headers);
    }
  });
}
