import { createServer } from "node:http";

/**
 * An Ory Polis (BoxyHQ Jackson) admin API on loopback, answering with the JSON shapes its API reference
 * (swagger.json, `lib` typings) documents:
 *
 * - `Authorization: Api-Key <key>` on `/api/v1/**`; a wrong key is 401 `{ "error": { "message": "Unauthorized" } }`.
 * - `GET /api/v1/sso/product?product=&pageOffset=&pageLimit=`: a bare array of connection records.
 *   SAML: `{ clientID, clientSecret, name, label, description, tenant, product, defaultRedirectUrl,
 *   redirectUrl: string[], deactivated, sortOrder, acsUrlOverride?, samlAudienceOverride?, forceAuthn,
 *   metadataUrl?, idpMetadata: { entityID, sso: { postUrl, redirectUrl }, slo: {}, loginType, provider,
 *   friendlyProviderName, thumbprint, publicKey, validTo } }` where `publicKey`, `thumbprint` and `validTo`
 *   are comma-joined, one per signing certificate, and `publicKey` is base64 DER. The raw metadata is not kept.
 *   OIDC: the same base fields with `oidcProvider: { provider, friendlyProviderName, discoveryUrl?, metadata?,
 *   clientId, clientSecret }`.
 * - `GET /api/v1/dsync/product?product=&pageOffset=&pageLimit=`: `{ data: Directory[], pageToken, error: null }`,
 *   Directory `{ id, name, tenant, product, type: "okta-scim-v2" | "azure-scim-v2" | ... | "google",
 *   log_webhook_events, scim: { path, endpoint, secret }, webhook: { endpoint, secret }, deactivated }`.
 * - `GET /api/well-known/sp-metadata` (public): SP metadata XML whose `entityID` is the SAML audience and whose
 *   `AssertionConsumerService` Location is the ACS URL every connection posts to.
 */
export interface FakePolis {
  url: string;
  apiKey: string;
  /** Per product. */
  connections: Map<string, Record<string, unknown>[]>;
  directories: Map<string, Record<string, unknown>[]>;
  sp: { entityId: string; acsUrl: string };
  /** Served at the audience URL, so an IdP that fetches the SP's metadata from its entity ID finds one. */
  audienceMetadata: () => Promise<string>;
  seenAuthorizations: string[];
  close: () => Promise<void>;
}

const esc = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

export async function startFakePolis(apiKey: string): Promise<FakePolis> {
  const polis = {
    apiKey,
    connections: new Map(),
    directories: new Map(),
    sp: { entityId: "", acsUrl: "" },
    audienceMetadata: async () => "",
    seenAuthorizations: [] as string[],
  } as unknown as FakePolis;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://polis.test");
    const json = (status: number, body: unknown) => res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/api/well-known/sp-metadata") {
      res.writeHead(200, { "Content-Type": "text/xml" });
      return res.end(
        `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${esc(polis.sp.entityId)}">` +
          `<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">` +
          `<md:AssertionConsumerService index="1" Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${esc(polis.sp.acsUrl)}"/>` +
          `</md:SPSSODescriptor></md:EntityDescriptor>`,
      );
    }
    if (url.pathname === "/saml-audience") {
      res.writeHead(200, { "Content-Type": "application/samlmetadata+xml" });
      return res.end(await polis.audienceMetadata());
    }
    if (!url.pathname.startsWith("/api/v1/")) return json(404, { error: { message: "Not found" } });
    const authorization = req.headers.authorization ?? "";
    polis.seenAuthorizations.push(authorization);
    if (authorization.split(" ")[1] !== polis.apiKey) return json(401, { error: { message: "Unauthorized" } });
    const product = url.searchParams.get("product");
    if (!product) return json(400, { error: { message: "Please provide a `product`." } });
    const offset = Number(url.searchParams.get("pageOffset") ?? 0);
    const limit = Number(url.searchParams.get("pageLimit") ?? 0) || Number.MAX_SAFE_INTEGER;
    const page = (items: Record<string, unknown>[] = []) => items.slice(offset, offset + limit);
    if (url.pathname === "/api/v1/sso/product") return json(200, page(polis.connections.get(product)));
    if (url.pathname === "/api/v1/dsync/product") return json(200, { data: page(polis.directories.get(product)), pageToken: undefined, error: null });
    return json(404, { error: { message: "Not found" } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  polis.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  polis.close = () => new Promise((resolve) => server.close(() => resolve()));
  return polis;
}

/** A SAML connection record as Polis stores it for an IdP with this entity ID, SSO URL and certificate. */
export function polisSamlRecord(input: {
  clientID: string;
  tenant: string;
  product: string;
  name: string;
  entityId: string;
  ssoUrl: string;
  certificatePem: string;
  acsUrlOverride?: string;
}): Record<string, unknown> {
  const der = input.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
  return {
    clientID: input.clientID,
    clientSecret: `${input.clientID}-secret`,
    name: input.name,
    label: "",
    description: `${input.name} for ${input.tenant}`,
    tenant: input.tenant,
    product: input.product,
    defaultRedirectUrl: "https://app.example.com/sso/callback",
    redirectUrl: ["https://app.example.com/*"],
    forceAuthn: false,
    sortOrder: null,
    deactivated: false,
    ...(input.acsUrlOverride ? { acsUrlOverride: input.acsUrlOverride } : {}),
    idpMetadata: {
      sso: { postUrl: input.ssoUrl, redirectUrl: input.ssoUrl },
      slo: {},
      entityID: input.entityId,
      thumbprint: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
      publicKey: der,
      validTo: "Jan  1 00:00:00 2031 GMT",
      loginType: "idp",
      provider: new URL(input.entityId).hostname,
      friendlyProviderName: null,
    },
  };
}

/** A directory record as `GET /api/v1/dsync/product` lists it. */
export function polisDirectoryRecord(input: {
  id: string;
  name: string;
  tenant: string;
  product: string;
  type: string;
  polisUrl: string;
}): Record<string, unknown> {
  const path = `/api/scim/v2.0/${input.id}`;
  return {
    id: input.id,
    name: input.name,
    tenant: input.tenant,
    product: input.product,
    type: input.type,
    log_webhook_events: false,
    scim: { path, endpoint: `${input.polisUrl}${path}`, secret: "polis-scim-secret" },
    webhook: { endpoint: "https://app.example.com/webhooks", secret: "whsec_polis" },
    deactivated: false,
  };
}
