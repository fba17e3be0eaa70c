import { openPglite, openPostgres, runMigrations, type Db } from "@/db/client";
import { formFields, type TestIdp } from "./saml-idp-server";

/** Writes to a fresh database before the server opens it (the embedded one admits one process at a time). */
export async function seedDatabase<T>(env: Record<string, string>, seed: (db: Db) => Promise<T>): Promise<T> {
  const handle = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL, { max: 2 }) : await openPglite(env.DATA_DIR!);
  try {
    await runMigrations(handle);
    return await seed(handle.db);
  } finally {
    await handle.close();
  }
}

/** Calls a tRPC procedure over HTTP as the portal's browser code does (no transformer: plain JSON). */
export async function trpc<T>(baseUrl: string, cookie: string, path: string, input?: unknown, kind: "query" | "mutation" = "mutation"): Promise<T> {
  const url =
    kind === "query"
      ? `${baseUrl}/api/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
      : `${baseUrl}/api/trpc/${path}`;
  const response = await fetch(url, {
    method: kind === "query" ? "GET" : "POST",
    headers: { cookie, "Content-Type": "application/json" },
    body: kind === "mutation" ? JSON.stringify(input ?? {}) : undefined,
  });
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message ?? JSON.stringify(body)}`);
  return body.result.data;
}

/** Opens a portal link as a browser would and returns the session cookie. */
export async function portalCookie(link: string): Promise<string> {
  const response = await fetch(link, { redirect: "manual" });
  const setCookie = response.headers.get("set-cookie");
  if (!setCookie) throw new Error(`No portal cookie from ${link}: ${response.status}`);
  return setCookie.split(";")[0]!;
}

/**
 * Follows a sign-in the way a browser does, without one: Portico → IdP (redirect binding) → the IdP's
 * auto-posting form → Portico's ACS. Returns where the ACS sends the browser, and what was posted.
 */
export async function signInThroughIdp(startUrl: string, idp: TestIdp): Promise<{ location: string; posted: Record<string, string>; acsUrl: string }> {
  let response = await fetch(startUrl, { redirect: "manual" });
  let url = startUrl;
  let idpPage: Response | undefined = startUrl.startsWith(idp.url) ? response : undefined;
  for (let hops = 0; !idpPage; hops++) {
    if (hops > 4) throw new Error(`Never reached the IdP from ${startUrl}`);
    const next = response.headers.get("location");
    if (next) {
      url = new URL(next, url).toString();
      response = await fetch(url, url.startsWith(idp.url) ? {} : { redirect: "manual" });
      if (url.startsWith(idp.url)) idpPage = response;
      continue;
    }
    const html = await response.text();
    // Portico's auto-posting page (HTTP-POST binding): what the browser's script would submit.
    const form = formFields(html);
    if (!form.action.startsWith(idp.url)) throw new Error(`${url} answered ${response.status}: ${html.slice(0, 300)}`);
    idpPage = await fetch(form.action, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form.fields).toString(),
    });
  }
  if (!idpPage.ok) throw new Error(`The IdP refused the request: ${await idpPage.text()}`);
  const { action, fields } = formFields(await idpPage.text());
  return { ...(await postToAcs(action, fields)), posted: fields, acsUrl: action };
}

export async function postToAcs(acsUrl: string, fields: Record<string, string>): Promise<{ location: string; status: number; body: string }> {
  const response = await fetch(acsUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  return { location: response.headers.get("location") ?? "", status: response.status, body: response.status === 303 ? "" : await response.text() };
}
