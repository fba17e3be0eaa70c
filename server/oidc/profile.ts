import type { AttributeMapping } from "@/db/schema";
import type { ProfileWire } from "@/server/saml/profile";
import { OidcError } from "./errors";

/** The standard OIDC claims (OpenID Connect Core 5.1), used where the connection maps nothing else. */
const oidcDefaultMapping: Required<AttributeMapping> = { email: "email", firstName: "given_name", lastName: "family_name", groups: "groups" };

// The token's own bookkeeping, not facts about the user: left out of raw_attributes.
const protocolClaims = new Set(["iss", "aud", "azp", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "auth_time", "sid", "jti"]);

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

function claim(claims: Record<string, unknown>, name: string | undefined): unknown {
  return name ? claims[name] : undefined;
}

/**
 * The profile from the ID token's claims (with userinfo's filling the gaps). `sub` is the IdP's
 * user id; an address the IdP itself marks unverified is refused rather than trusted.
 */
export function profileFromClaims(
  idToken: Record<string, unknown>,
  userinfo: Record<string, unknown> | null,
  connection: { id: string; organizationId: string | null; connectionType: string; attributeMapping: AttributeMapping },
  profileId: string,
): ProfileWire {
  const claims = { ...(userinfo ?? {}), ...idToken };
  const mapping = { ...oidcDefaultMapping, ...connection.attributeMapping };
  const email = claim(claims, mapping.email) ?? claims.email;
  if (typeof email !== "string" || !looksLikeEmail(email)) throw new OidcError("email_missing");
  if (claims.email_verified === false || claims.email_verified === "false") throw new OidcError("email_unverified", email);
  const text = (value: unknown) => (typeof value === "string" && value ? value : null);
  const groupsClaim = claim(claims, mapping.groups);
  const groups = Array.isArray(groupsClaim) ? groupsClaim.map(String) : typeof groupsClaim === "string" ? [groupsClaim] : undefined;
  return {
    object: "profile",
    id: profileId,
    idp_id: String(claims.sub),
    // The SDK types the field as an optional string: a profile without an organization leaves it out.
    ...(connection.organizationId ? { organization_id: connection.organizationId } : {}),
    connection_id: connection.id,
    connection_type: connection.connectionType,
    email: email.toLowerCase(),
    first_name: text(claim(claims, mapping.firstName)),
    last_name: text(claim(claims, mapping.lastName)),
    ...(groups ? { groups } : {}),
    custom_attributes: {},
    raw_attributes: Object.fromEntries(Object.entries(claims).filter(([name]) => !protocolClaims.has(name))),
  };
}
