import type { ExportedJWKSCache } from "openid-client";

/**
 * The IdPs' key sets (JWKS) as this process last read them, per jwks_uri, so a sign-in does not pay a
 * round trip to the IdP for keys it read moments ago. Each entry holds only what that URL served (read
 * through the guarded fetch), so connections that share a jwks_uri share the keys it publishes and
 * nothing else. On globalThis: Next.js may bundle this module more than once in one process.
 */
const keySets = ((globalThis as { __porticoJwks?: Map<string, ExportedJWKSCache> }).__porticoJwks ??= new Map());
const maxKeySets = 500;
// oauth4webapi reads a key set again once it is 5 minutes old, whatever it is handed; one kept
// longer here would never be used.
const MAX_AGE_SECONDS = 300;

const epochSeconds = () => Math.floor(Date.now() / 1000);

/** The key set last read from `jwksUri`, while oauth4webapi would still use it. */
export function cachedKeySet(jwksUri: string): ExportedJWKSCache | undefined {
  const cached = keySets.get(jwksUri);
  if (cached && epochSeconds() - cached.uat < MAX_AGE_SECONDS) return cached;
  keySets.delete(jwksUri);
  return undefined;
}

export function rememberKeySet(jwksUri: string, keySet: ExportedJWKSCache | undefined): void {
  // A slower sign-in that started with older keys does not put them back over newer ones.
  if (!keySet || (keySets.get(jwksUri)?.uat ?? 0) > keySet.uat) return;
  keySets.delete(jwksUri);
  keySets.set(jwksUri, structuredClone(keySet));
  if (keySets.size > maxKeySets) keySets.delete(keySets.keys().next().value!);
}

export function forgetKeySet(jwksUri: string): void {
  keySets.delete(jwksUri);
}
