import { isDevelopment } from "@/server/env";

type RedirectUrlProblem = "missing" | "invalid" | "not_https" | "credentials";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where Portico may send a browser: an absolute https URL, never `javascript:`, relative paths or URLs
 * with credentials. http is allowed only for localhost, and only when running in development.
 */
export function checkRedirectUrl(
  value: unknown,
  options: { allowLocalHttp?: boolean } = {},
): { ok: true; url: string } | { ok: false; problem: RedirectUrlProblem; message: string } {
  const allowLocalHttp = options.allowLocalHttp ?? isDevelopment();
  if (typeof value !== "string" || !value.trim()) return { ok: false, problem: "missing", message: "enter a URL" };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { ok: false, problem: "invalid", message: "must be an absolute URL such as https://app.example.com/settings" };
  }
  if (url.username || url.password) return { ok: false, problem: "credentials", message: "must not contain a user name or password" };
  if (url.protocol === "https:") return { ok: true, url: url.toString() };
  if (url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)) {
    return allowLocalHttp
      ? { ok: true, url: url.toString() }
      : { ok: false, problem: "not_https", message: "must use https (http://localhost is allowed only in development)" };
  }
  return { ok: false, problem: "not_https", message: "must use https" };
}
