import { openPglite, openPostgres, runMigrations, type DbHandle } from "@/db/client";

/**
 * Staff sign-in over plain HTTP, the way a browser does it (next-auth's CSRF token, then the
 * credentials callback), for tests that copy and replay session cookies.
 */
export const SESSION_COOKIE = "authjs.session-token";

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function csrf(baseUrl: string): Promise<{ token: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { token: csrfToken, cookie: cookiePairs(response).join("; ") };
}

interface SignInResult {
  /** `authjs.session-token=...`, ready for a Cookie header; null when sign-in was refused. */
  cookie: string | null;
  /** next-auth's error code on refusal (`invalid_credentials`, `rate_limited`). */
  code: string | null;
}

export async function signInOverHttp(baseUrl: string, who: { email: string; password: string }): Promise<SignInResult> {
  const { token, cookie } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie },
    body: new URLSearchParams({ csrfToken: token, email: who.email, password: who.password, callbackUrl: `${baseUrl}/dashboard` }),
  });
  const session = cookiePairs(response).find((c) => c.startsWith(`${SESSION_COOKIE}=`) && c.length > SESSION_COOKIE.length + 1);
  const location = response.headers.get("location") ?? "";
  const code = session ? null : (new URL(location, baseUrl).searchParams.get("code") ?? `status ${response.status}`);
  return { cookie: session ?? null, code };
}

export async function signInOrThrow(baseUrl: string, who: { email: string; password: string }): Promise<string> {
  const result = await signInOverHttp(baseUrl, who);
  if (!result.cookie) throw new Error(`sign-in as ${who.email} refused: ${result.code}`);
  return result.cookie;
}

/** Signs out through next-auth's endpoint, as the dashboard's button does. */
export async function signOutOverHttp(baseUrl: string, sessionCookie: string): Promise<void> {
  const { token, cookie } = await csrf(baseUrl);
  const response = await fetch(`${baseUrl}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${sessionCookie}` },
    body: new URLSearchParams({ csrfToken: token, callbackUrl: `${baseUrl}/sign-in` }),
  });
  if (response.status >= 400) throw new Error(`sign-out failed: ${response.status}`);
}

/** A dashboard tRPC call (query by GET, mutation by POST) with the given cookie. */
export async function trpc(baseUrl: string, cookie: string, procedure: string, input?: unknown, kind: "query" | "mutation" = "query") {
  const url = new URL(`${baseUrl}/api/trpc/${procedure}`);
  if (kind === "query" && input !== undefined) url.searchParams.set("input", JSON.stringify(input));
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { cookie, "content-type": "application/json" },
    body: kind === "mutation" ? JSON.stringify(input ?? {}) : undefined,
  });
  const body = (await response.json()) as { result?: { data: unknown }; error?: { data?: { code?: string } } };
  return { status: response.status, data: body.result?.data, code: body.error?.data?.code ?? null };
}

/** Where a dashboard page sends this cookie: "page" when it renders, else the redirect's path. */
export async function dashboardFor(baseUrl: string, cookie: string): Promise<string> {
  const response = await fetch(`${baseUrl}/dashboard`, { headers: { cookie }, redirect: "manual" });
  if (response.status === 200) return "page";
  return new URL(response.headers.get("location") ?? "", baseUrl).pathname;
}

/** Opens the database a stopped test server used (its PGlite directory, or its Postgres database). */
export async function openServerDatabase(databaseEnv: Record<string, string>): Promise<DbHandle> {
  const handle = databaseEnv.DATABASE_URL ? await openPostgres(databaseEnv.DATABASE_URL, { max: 2 }) : await openPglite(databaseEnv.DATA_DIR!);
  await runMigrations(handle);
  return handle;
}
