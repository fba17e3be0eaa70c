/** Headers every reply carries, static assets included (next.config.ts) and the edge's own errors. */
export const commonSecurityHeaders: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
};

/** Two years, subdomains included: sent only when PUBLIC_URL is https (a plain-http install would lock itself out). */
export const strictTransportSecurity = "max-age=63072000; includeSubDomains";

/**
 * The app's CSP. Scripts run only with this request's nonce (Next.js puts it on its own inline and
 * chunk scripts when it finds it in the request's CSP); 'strict-dynamic' lets those load their chunks.
 * Styles keep 'unsafe-inline': React writes style attributes, and style injection cannot run code.
 * Development adds 'unsafe-eval' for fast refresh.
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** For replies that are data, never a page (JSON errors, SCIM). */
export const dataContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";
