import "server-only";
import { clientAddress } from "@/server/http/client-address";
import { randomUUID } from "node:crypto";
import { autoPostPage, type OutgoingRequest } from "@/server/saml/authn-request";
import { escapeAttr } from "@/server/saml/xml";
import { requestIdFrom } from "@/server/http/request-id";
import { toApiError } from "./errors";

/** Browser-facing SSO answers: a redirect, an auto-posting form, or a small error page. Never a stack trace. */
/** The SSO endpoints' own policy: they render nothing that needs scripts, styles or framing. */
export const STRICT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function redirect(url: string): Response {
  return new Response(null, { status: 303, headers: { Location: url, "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP } });
}

export function outgoing(request: OutgoingRequest): Response {
  if (request.binding === "redirect") return redirect(request.url);
  const nonce = randomUUID();
  const origin = new URL(request.url).origin;
  return new Response(autoPostPage(request.url, request.fields, nonce), {
    status: 200,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // This one page posts to the IdP: its form-action and script are allowed for it alone.
      "Content-Security-Policy": `default-src 'none'; script-src 'nonce-${nonce}'; form-action ${origin}; frame-ancestors 'none'; base-uri 'none'`,
    },
  });
}

export function errorPage(status: number, title: string, explanation: string, code?: string): Response {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>${escapeAttr(title)}</title></head><body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>${escapeAttr(title)}</h1><p>${escapeAttr(explanation)}</p>${code ? `<p><code>${escapeAttr(code)}</code></p>` : ""}</body></html>`;
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STRICT_CSP },
  });
}

export function jsonError(error: unknown): Response {
  const requestId = randomUUID();
  const mapped = toApiError(error, requestId);
  return new Response(JSON.stringify(mapped.body), {
    status: mapped.status,
    headers: { "Content-Type": "application/json; charset=utf-8", "X-Request-ID": requestId, "Content-Security-Policy": STRICT_CSP, ...mapped.headers },
  });
}

/**
 * The app-facing SSO answers (`/sso/token`, `/sso/profile`): JSON, never cached, with the request's id (they
 * take the direct path, so no proxy adds one).
 */
export function ssoJson(request: Request, status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "Content-Security-Policy": STRICT_CSP,
      "X-Request-ID": requestIdFrom(request.headers.get("x-request-id")),
    },
  });
}

/** Reads a urlencoded form with a size cap; anything bigger is refused before parsing. */
export async function readForm(request: Request, maxBytes: number): Promise<URLSearchParams | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) return null;
  const buffer = Buffer.from(await request.arrayBuffer());
  if (buffer.byteLength > maxBytes) return null;
  return new URLSearchParams(buffer.toString("utf8"));
}

/** The signing-in browser as the `authentication.*` events describe it (informational only, never trusted). */
export function signInClient(request: Request) {
  const address = clientAddress(request.headers);
  return { ipAddress: address === "unknown" ? null : address, userAgent: request.headers.get("user-agent")?.slice(0, 500) ?? null };
}
