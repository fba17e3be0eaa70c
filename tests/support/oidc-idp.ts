import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

interface OidcTestUser {
  sub: string;
  email: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  groups?: string[];
  /** Claims Google and Microsoft add: Workspace domain, Entra tenant, "email domain owner verified". */
  hd?: string;
  tid?: string;
  xms_edov?: boolean;
}

export interface OidcTestIdp {
  issuer: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  /** The authorization requests it received, as query parameters. */
  authorizations: Record<string, string>[];
  /** How many times its JWKS was requested. */
  readonly jwksRequests: number;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (`oidc-provider`) on loopback, with its development login form (any login
 * name signs in as that user). Redirect URIs under `redirectPrefix` are accepted, since each Portico
 * connection has its own callback path.
 */
export async function startOidcIdp(options: {
  users: OidcTestUser[];
  redirectPrefix: string;
  /**
   * Acts as Microsoft's multi-tenant endpoint: tokens are issued by `<origin>/<tenant>/v2.0`, and the
   * discovery document at `<origin>/common/v2.0/.well-known/openid-configuration` publishes the
   * issuer as `<origin>/{tenantid}/v2.0`.
   */
  tenant?: string;
  /** Puts the user's claims (email, tid, hd ...) in the ID token itself, as Google and Microsoft do. */
  claimsInIdToken?: boolean;
}): Promise<OidcTestIdp> {
  const server: Server = createServer();
  // Idle sockets outlive the client's keep-alive (undici: 4 s): a reused socket is never closed under it.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mountPath = options.tenant ? `/${options.tenant}/v2.0` : "";
  const issuer = `${origin}${mountPath}`;
  const clientId = "portico-test-client";
  const clientSecret = "a-client-secret-long-enough-for-hs256-0123456789";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${options.redirectPrefix}placeholder/callback`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub", "tid", "hd", "xms_edov"], email: ["email", "email_verified"], profile: ["given_name", "family_name"], groups: ["groups"] },
    conformIdTokenClaims: !options.claimsInIdToken,
    scopes: ["openid", "email", "profile", "groups", "offline_access"],
    cookies: { keys: ["a-test-cookie-signing-key"] },
    findAccount: async (_ctx, sub) => {
      const user = options.users.find((u) => u.sub === sub);
      if (!user) return undefined;
      return { accountId: sub, claims: async () => ({ email_verified: true, ...user }) };
    },
  });
  const allowed = provider.Client.prototype.redirectUriAllowed;
  provider.Client.prototype.redirectUriAllowed = function (uri: string) {
    return uri.startsWith(options.redirectPrefix) || allowed.call(this, uri);
  };
  const authorizations: Record<string, string>[] = [];
  let jwksRequests = 0;
  const callback = provider.callback();
  const templateDiscovery = "/common/v2.0/.well-known/openid-configuration";
  server.on("request", (req, res) => {
    if (options.tenant && req.url === templateDiscovery) {
      void fetch(`${issuer}/.well-known/openid-configuration`)
        .then((r) => r.json() as Promise<Record<string, unknown>>)
        .then((document) => {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ ...document, issuer: `${origin}/{tenantid}/v2.0`, authorization_response_iss_parameter_supported: false }));
        });
      return;
    }
    if (options.tenant) {
      // Microsoft sends no `iss` back with the code (RFC 9207); oidc-provider always does, so it is taken out.
      const setHeader = res.setHeader.bind(res);
      res.setHeader = (name: string, value: number | string | readonly string[]) => {
        if (name.toLowerCase() === "location" && typeof value === "string" && value.startsWith(options.redirectPrefix)) {
          const location = new URL(value);
          location.searchParams.delete("iss");
          return setHeader(name, location.toString());
        }
        return setHeader(name, value);
      };
    }
    if (mountPath) {
      // Mounted under the issuer's path, as oidc-provider expects when its issuer has one.
      if (!req.url?.startsWith(mountPath)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      (req as { originalUrl?: string }).originalUrl = req.url;
      req.url = req.url.slice(mountPath.length) || "/";
    }
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/auth" && url.searchParams.has("client_id")) authorizations.push(Object.fromEntries(url.searchParams));
    if (url.pathname === "/jwks") jwksRequests++;
    callback(req, res);
  });
  return {
    issuer,
    discoveryUrl: options.tenant ? `${origin}${templateDiscovery}` : `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorizations,
    get jwksRequests() {
      return jwksRequests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function formOf(html: string): { action: string; fields: Record<string, string> } | null {
  const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const input of form[2]!.matchAll(/<input([^>]*)>/gi)) {
    const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
    if (name) fields[name] = /value="([^"]*)"/.exec(input[1]!)?.[1] ?? "";
  }
  return { action: form[1]!.replace(/&amp;/g, "&"), fields };
}

/**
 * A browser without a browser: follows redirects with a cookie jar, signs in on the IdP's login form
 * as `login`, accepts its consent form, and stops at the first URL whose path starts with `stopAt` (not fetched).
 */
export async function followOidcSignIn(startUrl: string, login: string, stopAt: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = startUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    if (new URL(url).pathname.startsWith(stopAt)) return url;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url).toString();
      init = {};
      continue;
    }
    const html = await response.text();
    const form = formOf(html);
    if (!form) throw new Error(`${url} answered ${response.status} without a redirect or form: ${html.slice(0, 400)}`);
    if ("login" in form.fields) form.fields.login = login;
    if ("password" in form.fields) form.fields.password = "any";
    url = new URL(form.action, url).toString();
    init = { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form.fields).toString() };
  }
  throw new Error(`Sign-in from ${startUrl} did not finish in 20 steps`);
}
