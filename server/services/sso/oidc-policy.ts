import { env } from "@/server/env";

/** Associated data bound to an encrypted OIDC client secret (server/crypto/secrets.ts). */
export const OIDC_SECRET_PURPOSE = "oidc-client-secret";

/** Calls to the IdP follow the same rule as metadata fetches: no private addresses unless allowed. */
export const outboundPolicy = () => ({ allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES });
