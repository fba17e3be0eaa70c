import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { AddressRefusedError, guardedLookup, refusedLiteral } from "@/server/net/outbound";

/**
 * The parts of Ory Polis's (BoxyHQ Jackson's) admin API an import reads, as its API reference documents
 * them: `GET /api/v1/sso/product` (an array of connection records), `GET /api/v1/dsync/product`
 * (`{ data: Directory[], pageToken }`), both paged with `pageOffset`/`pageLimit`, authenticated with
 * `Authorization: Api-Key <key>`; and the public `GET /api/well-known/sp-metadata` (the SP entity ID, its
 * SAML audience, and the ACS URL every SAML connection posts to).
 */
const ssoBase = {
  clientID: z.string().min(1).max(500),
  clientSecret: z.string().max(500).optional(),
  name: z.string().max(500).nullish(),
  label: z.string().max(500).nullish(),
  description: z.string().max(2000).nullish(),
  tenant: z.string().min(1).max(500),
  product: z.string().min(1).max(500),
  defaultRedirectUrl: z.string().max(2000).nullish(),
  redirectUrl: z.union([z.array(z.string().max(2000)), z.string().max(20_000)]).nullish(),
  deactivated: z.boolean().nullish(),
  acsUrlOverride: z.string().max(2000).nullish(),
  samlAudienceOverride: z.string().max(2000).nullish(),
};

export const polisSamlConnectionSchema = z.object({
  ...ssoBase,
  metadataUrl: z.string().max(2000).nullish(),
  /** Given on create; stored records keep only the parsed `idpMetadata`, but an export may carry it. */
  rawMetadata: z
    .string()
    .max(1024 * 1024)
    .nullish(),
  idpMetadata: z.object({
    entityID: z.string().min(1).max(1000),
    sso: z.object({ postUrl: z.string().max(2000).nullish(), redirectUrl: z.string().max(2000).nullish() }),
    /** The signing certificates, base64 DER (or PEM), joined with commas. */
    publicKey: z.string().max(100_000).nullish(),
    thumbprint: z.string().max(10_000).nullish(),
    validTo: z.string().max(10_000).nullish(),
    provider: z.string().max(500).nullish(),
    friendlyProviderName: z.string().max(500).nullish(),
  }),
});
export type PolisSamlConnection = z.infer<typeof polisSamlConnectionSchema>;

export const polisOidcConnectionSchema = z.object({
  ...ssoBase,
  oidcProvider: z.object({
    provider: z.string().max(500).nullish(),
    discoveryUrl: z.string().max(2000).nullish(),
    metadata: z
      .object({
        issuer: z.string().max(2000),
        authorization_endpoint: z.string().max(2000),
        token_endpoint: z.string().max(2000),
        jwks_uri: z.string().max(2000),
        userinfo_endpoint: z.string().max(2000).nullish(),
      })
      .nullish(),
    clientId: z.string().min(1).max(500),
    clientSecret: z.string().min(1).max(2000),
  }),
});
export type PolisOidcConnection = z.infer<typeof polisOidcConnectionSchema>;

export const polisDirectorySchema = z.object({
  id: z.string().min(1).max(500),
  name: z.string().max(500).nullish(),
  tenant: z.string().min(1).max(500),
  product: z.string().min(1).max(500),
  type: z.string().min(1).max(100),
  deactivated: z.boolean().nullish(),
  scim: z.object({ path: z.string().max(2000).nullish(), endpoint: z.string().max(2000).nullish(), secret: z.string().max(2000).nullish() }).nullish(),
});
export type PolisDirectory = z.infer<typeof polisDirectorySchema>;

export type PolisConnection =
  | { kind: "saml"; record: PolisSamlConnection }
  | { kind: "oidc"; record: PolisOidcConnection }
  /** A record of a known tenant that Portico cannot read: that tenant fails, the others go on. */
  | { kind: "invalid"; record: { clientID: string; tenant: string; product: string }; problem: string };

export class PolisApiError extends Error {}

const PAGE = 50;
const MAX_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 20_000;

interface PolisClientOptions {
  url: string;
  apiKey: string;
  /** The operator's CLI may reach loopback; the dashboard follows the installation's outbound rule. */
  allowPrivate: boolean;
}

export function polisClient(options: PolisClientOptions) {
  const base = options.url.replace(/\/+$/, "");
  const get = (path: string, auth = true) => getText(`${base}${path}`, auth ? options.apiKey : null, options.allowPrivate);
  const json = async (path: string): Promise<unknown> => {
    const text = await get(path);
    try {
      return JSON.parse(text);
    } catch {
      throw new PolisApiError(`${path} did not answer JSON`);
    }
  };
  return {
    async connections(product: string): Promise<PolisConnection[]> {
      const all: PolisConnection[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await json(`/api/v1/sso/product?${new URLSearchParams({ product, pageOffset: String(offset), pageLimit: String(PAGE) })}`);
        const items = Array.isArray(page) ? page : ((page as { data?: unknown[] })?.data ?? []);
        for (const item of items) all.push(readConnection(item));
        if (items.length < PAGE) return all;
      }
    },
    async directories(product: string): Promise<PolisDirectory[]> {
      const all: PolisDirectory[] = [];
      for (let offset = 0; ; offset += PAGE) {
        const page = await json(`/api/v1/dsync/product?${new URLSearchParams({ product, pageOffset: String(offset), pageLimit: String(PAGE) })}`);
        const items = Array.isArray(page) ? page : ((page as { data?: unknown[] })?.data ?? []);
        for (const item of items) {
          const parsed = polisDirectorySchema.safeParse(item);
          if (!parsed.success) throw new PolisApiError(`a directory record is not in Polis's shape: ${parsed.error.issues[0]?.path.join(".")}`);
          all.push(parsed.data);
        }
        if (items.length < PAGE) return all;
      }
    },
    /** The SP identity Polis gives IdPs: its entity ID (SAML audience) and its ACS URL. */
    async spIdentity(): Promise<{ entityId: string; acsUrl: string } | null> {
      const xml = await get("/api/well-known/sp-metadata", false).catch(() => null);
      if (!xml) return null;
      const entityId = /<(?:\w+:)?EntityDescriptor\b[^>]*\bentityID="([^"]+)"/.exec(xml)?.[1];
      const acsUrl = /<(?:\w+:)?AssertionConsumerService\b[^>]*\bLocation="([^"]+)"/.exec(xml)?.[1];
      return entityId && acsUrl ? { entityId: unescapeXml(entityId), acsUrl: unescapeXml(acsUrl) } : null;
    },
  };
}
export type PolisClient = ReturnType<typeof polisClient>;

function unescapeXml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

const identitySchema = z.object({ clientID: z.string().min(1).max(500), tenant: z.string().min(1).max(500), product: z.string().min(1).max(500) });

function readConnection(item: unknown): PolisConnection {
  const oidc = Boolean(item && typeof item === "object" && "oidcProvider" in item);
  const parsed = oidc ? polisOidcConnectionSchema.safeParse(item) : polisSamlConnectionSchema.safeParse(item);
  if (parsed.success) return oidc ? { kind: "oidc", record: parsed.data as PolisOidcConnection } : { kind: "saml", record: parsed.data as PolisSamlConnection };
  const issue = parsed.error.issues[0];
  const problem = `the ${oidc ? "OIDC" : "SAML"} connection record is not in Polis's shape (${issue?.path.join(".") || "record"}: ${issue?.message})`;
  const identity = identitySchema.safeParse(item);
  if (!identity.success) throw new PolisApiError(problem);
  return { kind: "invalid", record: identity.data, problem };
}

function getText(rawUrl: string, apiKey: string | null, allowPrivate: boolean): Promise<string> {
  const url = new URL(rawUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") return Promise.reject(new PolisApiError("the Polis URL must be http or https"));
  const literal = refusedLiteral(url, allowPrivate);
  if (literal) return Promise.reject(new PolisApiError(`the Polis URL points to a private or loopback address (${literal})`));
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: guardedLookup(allowPrivate) as never,
        timeout: TIMEOUT_MS,
        headers: { Accept: "application/json, application/xml", ...(apiKey ? { Authorization: `Api-Key ${apiKey}` } : {}) },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status === 401 || status === 403) {
          response.resume();
          return reject(new PolisApiError("Polis refused the API key (HTTP 401)"));
        }
        if (status >= 300) {
          response.resume();
          return reject(new PolisApiError(`${url.pathname} answered HTTP ${status}`));
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) {
            request.destroy();
            reject(new PolisApiError(`${url.pathname} answered more than 16 MiB`));
          } else chunks.push(chunk);
        });
        response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        response.on("error", (error) => reject(new PolisApiError(`${url.pathname} could not be read: ${error.message}`)));
      },
    );
    request.on("timeout", () => request.destroy(new PolisApiError(`${url.pathname} did not answer within 20 seconds`)));
    request.on("error", (error) =>
      reject(
        error instanceof PolisApiError
          ? error
          : error instanceof AddressRefusedError
            ? new PolisApiError(`the Polis URL resolves to a private or loopback address (${error.address})`)
            : new PolisApiError(`Polis could not be reached: ${error.message}`),
      ),
    );
  });
}
