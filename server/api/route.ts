import "server-only";
import { getDbHandle, type Db } from "@/db/client";
import { DomainError, UnauthorizedError, ValidationError } from "@/server/errors";
import { apiKeyGate, apiSecretHash, authenticateApiRequest, knownApiKeyId, type ApiKeyGate, type AuthenticatedApiKey } from "@/server/services/api-keys";
import type { ServiceContext } from "@/server/services/context";
import { claimIdempotencyKey, completedClaim, completeIdempotencyKey, releaseIdempotencyKey, type CompletedClaim } from "@/server/services/idempotency";
import { env } from "@/server/env";
import { requestIdFrom } from "@/server/http/request-id";
import { findTextProblem, findUrlTextProblem, textFieldError } from "@/server/input-text";
import { noteRequestActor } from "@/server/observability/runtime";
import { bodyText, JsonText } from "@/server/wire/json-text";
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
  return new Response(bodyText(body), { status, headers: { "Content-Type": "application/json; charset=utf-8", ...headers } });
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

/** What makes two requests with one Idempotency-Key the same request. */
function requestFingerprint(request: Request, url: URL, body: string): string {
  return `${request.method} ${url.pathname}${url.search}\n${body}`;
}

function bearerSecret(request: Request): string | null {
  return /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? null;
}

const unauthorized = () => new UnauthorizedError("Could not authorize the request. Check the API key in the Authorization header.");

/** The key behind the bearer secret, with one hit counted against its rate limit (one statement for both). */
async function authenticate(db: Db, secret: string | null): Promise<AuthenticatedApiKey> {
  const key = secret ? await authenticateApiRequest(db, secret, env().API_RATE_LIMIT_PER_MINUTE, 60_000) : null;
  if (!key) throw unauthorized();
  return key;
}

/**
 * A POST whose common case a service finishes in one statement that also authenticates the key, counts its
 * rate limit and claims the Idempotency-Key with `reply` (what the handler answers when it stores the request).
 * `run` answers null when it cannot take the body, else the key and whether it stored the request; when it did
 * not, the usual path runs with that key, as if the statement had only authenticated.
 */
interface OneStatementPost {
  reply: { status: number; body: unknown };
  run(db: Db, body: unknown, gate: ApiKeyGate, claim: CompletedClaim | null): Promise<{ key: AuthenticatedApiKey | null; stored: boolean } | null>;
}

type BodyRead = { text: string; value: unknown };

/**
 * Tries `post` for a key this process has seen authenticate (its id seals the idempotent reply). Answers
 * the stored reply, or what the usual path continues with: the body as read (or its error) and the key
 * the statement authenticated, if any.
 */
async function tryOneStatement(
  db: Db,
  request: Request,
  secret: string,
  post: OneStatementPost,
): Promise<{ stored: true } | { stored: false; body?: Promise<BodyRead>; key?: AuthenticatedApiKey }> {
  const secretHash = apiSecretHash(secret);
  const keyId = secretHash ? knownApiKeyId(secretHash) : null;
  if (!secretHash || !keyId) return { stored: false };
  const body = readBody(request);
  let read: BodyRead;
  try {
    read = await body;
  } catch {
    return { stored: false, body };
  }
  const url = new URL(request.url);
  if (findUrlTextProblem(url, {}) ?? findTextProblem(read.value)) return { stored: false, body };
  const idempotencyKey = request.headers.get("idempotency-key");
  const claim = idempotencyKey
    ? completedClaim(
        { apiKeyId: keyId, key: idempotencyKey, fingerprint: requestFingerprint(request, url, read.text) },
        { status: post.reply.status, body: bodyText(post.reply.body ?? null) },
      )
    : null;
  // A key too long to claim is refused by the usual path.
  if (idempotencyKey && !claim) return { stored: false, body };
  const outcome = await post.run(db, read.value, apiKeyGate(secretHash, env().API_RATE_LIMIT_PER_MINUTE, 60_000), claim);
  if (outcome?.stored) return { stored: true };
  return { stored: false, body, key: outcome?.key ?? undefined };
}

/**
 * Wraps a REST handler: request id, API-key auth, body limits and parsing, `Idempotency-Key` on
 * POST, and WorkOS-shaped JSON errors. Handlers stay thin: parse, call a service, shape the reply.
 */
export function apiRoute<P extends Record<string, string> = Record<string, never>>(handler: Handler<P>, options: { oneStatement?: OneStatementPost } = {}) {
  return directRoute(async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const requestId = requestIdFrom(request.headers.get("x-request-id"));
    let idempotency: { apiKeyId: string; key: string } | undefined;
    let db: Db | undefined;
    try {
      const handle = await getDbHandle();
      db = handle.db;
      const secret = bearerSecret(request);
      // The one statement's plan never depends on its values (keys and rows by id, an insert): it is planned once.
      const early =
        options.oneStatement && secret && request.method === "POST" ? await tryOneStatement(handle.planOnce, request, secret, options.oneStatement) : undefined;
      if (early?.stored) {
        noteRequestActor("api_key");
        return json(options.oneStatement!.reply.status, options.oneStatement!.reply.body ?? null, requestId);
      }
      const apiKey = early?.key ?? (await authenticate(db, secret));
      noteRequestActor("api_key");
      apiKey.checkRateLimit();
      const { text, value } = await (early?.body ?? readBody(request));
      const url = new URL(request.url);
      const params = await context.params;
      const unstorable = findUrlTextProblem(url, params) ?? findTextProblem(value);
      if (unstorable) throw new ValidationError([textFieldError(unstorable)]);
      const idempotencyKey = request.headers.get("idempotency-key");
      if (request.method === "POST" && idempotencyKey) {
        const claim = await claimIdempotencyKey(db, {
          apiKeyId: apiKey.id,
          key: idempotencyKey,
          fingerprint: requestFingerprint(request, url, text),
        });
        if (claim.kind === "replay") {
          return json(claim.response.status, new JsonText(claim.response.body), requestId, { "Idempotent-Replayed": "true" });
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
      if (idempotency) await completeIdempotencyKey(db, idempotency, { status, body: bodyText(result.body ?? null) });
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
