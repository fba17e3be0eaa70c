import { z } from "zod";
import type { ConnectionRow } from "@/db/schema";
import { encryptSecret } from "@/server/crypto/secrets";
import { ValidationError } from "@/server/errors";
import { checkOidcSettings } from "@/server/oidc/client";
import { OidcError } from "@/server/oidc/errors";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";
import { OIDC_SECRET_PURPOSE, outboundPolicy } from "./oidc-policy";

const url = z.string().trim().min(1).max(2000);
export const oidcConfigFields = {
  oidcDiscoveryEndpoint: url.optional(),
  oidcIssuer: url.optional(),
  oidcAuthorizationEndpoint: url.optional(),
  oidcTokenEndpoint: url.optional(),
  oidcJwksUri: url.optional(),
  oidcUserinfoEndpoint: url.optional(),
  oidcClientId: z.string().trim().min(1).max(500).optional(),
  oidcClientSecret: z.string().min(1).max(2000).optional(),
};
export type OidcConfigInput = { [K in keyof typeof oidcConfigFields]?: z.output<(typeof oidcConfigFields)[K]> };

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
function fail(field: string, problem: string, message: string): never {
  throw new ValidationError([{ field, code: `${snake(field)}_${problem}`, message }]);
}

function checkedUrl(field: keyof OidcConfigInput, value: string | undefined, required: boolean): string | null {
  if (value === undefined) {
    if (required) fail(field, "required", "is required when the IdP has no discovery document");
    return null;
  }
  const checked = checkRedirectUrl(value, { allowLocalHttp: outboundPolicy().allowPrivate });
  if (!checked.ok) fail(field, "invalid", checked.message);
  return checked.url;
}

/**
 * The OIDC side of a connection as columns, or null when nothing OIDC was given. The discovery URL
 * (or the endpoints by hand) is tried at once, so a wrong URL is named while the IT admin is still here.
 * The client secret is encrypted; when not given again, the stored one is kept.
 */
export async function resolveOidcConfig(input: OidcConfigInput, existing: ConnectionRow | null) {
  const touched = Object.keys(oidcConfigFields).some((k) => input[k as keyof OidcConfigInput] !== undefined);
  if (!touched) return null;
  const manual = [input.oidcIssuer, input.oidcAuthorizationEndpoint, input.oidcTokenEndpoint, input.oidcJwksUri].some((v) => v !== undefined);
  if (manual && input.oidcDiscoveryEndpoint !== undefined)
    fail("oidcDiscoveryEndpoint", "conflict", "give the discovery URL or the endpoints by hand, not both");
  const keepEndpoints = !manual && input.oidcDiscoveryEndpoint === undefined && existing !== null;
  const columns = keepEndpoints
    ? {
        oidcDiscoveryUrl: existing.oidcDiscoveryUrl,
        oidcIssuer: existing.oidcIssuer,
        oidcAuthorizationUrl: existing.oidcAuthorizationUrl,
        oidcTokenUrl: existing.oidcTokenUrl,
        oidcJwksUrl: existing.oidcJwksUrl,
        oidcUserinfoUrl: existing.oidcUserinfoUrl,
      }
    : {
        oidcDiscoveryUrl: manual ? null : checkedUrl("oidcDiscoveryEndpoint", input.oidcDiscoveryEndpoint, true),
        oidcIssuer: manual ? checkedUrl("oidcIssuer", input.oidcIssuer, true) : null,
        oidcAuthorizationUrl: manual ? checkedUrl("oidcAuthorizationEndpoint", input.oidcAuthorizationEndpoint, true) : null,
        oidcTokenUrl: manual ? checkedUrl("oidcTokenEndpoint", input.oidcTokenEndpoint, true) : null,
        oidcJwksUrl: manual ? checkedUrl("oidcJwksUri", input.oidcJwksUri, true) : null,
        oidcUserinfoUrl: manual ? checkedUrl("oidcUserinfoEndpoint", input.oidcUserinfoEndpoint, false) : null,
      };
  const clientId = input.oidcClientId ?? existing?.oidcClientId;
  if (!clientId) fail("oidcClientId", "required", "enter the client id the IdP gave for this application");
  const secret = input.oidcClientSecret;
  if (!secret && !existing?.oidcClientSecret) fail("oidcClientSecret", "required", "enter the client secret the IdP gave for this application");
  try {
    await checkOidcSettings(
      {
        discoveryUrl: columns.oidcDiscoveryUrl,
        issuer: columns.oidcIssuer,
        authorizationUrl: columns.oidcAuthorizationUrl,
        tokenUrl: columns.oidcTokenUrl,
        jwksUrl: columns.oidcJwksUrl,
        userinfoUrl: columns.oidcUserinfoUrl,
        clientId,
        clientSecret: secret ?? "unchanged",
        clockSkewSeconds: 0,
      },
      outboundPolicy(),
    );
  } catch (error) {
    if (error instanceof OidcError)
      fail(
        columns.oidcDiscoveryUrl ? "oidcDiscoveryEndpoint" : "oidcIssuer",
        error.code === "discovery_invalid" ? "invalid" : "unreachable",
        `${error.explanation}`,
      );
    throw error;
  }
  return { ...columns, oidcClientId: clientId, ...(secret ? { oidcClientSecret: encryptSecret(secret, OIDC_SECRET_PURPOSE) } : {}) };
}
