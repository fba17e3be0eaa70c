import type { AttributeMapping } from "@/db/schema";
import { SamlError } from "./errors";
import type { SamlWarning } from "./warnings";
import type { ValidatedAssertion } from "./validate";

/** The WorkOS profile shape (`GET /sso/profile`, `POST /sso/token`), snake_case on the wire. */
export interface ProfileWire {
  object: "profile";
  id: string;
  idp_id: string;
  /** Absent for an OAuth sign-in (Google, Microsoft) no organization claims. */
  organization_id?: string;
  connection_id: string;
  connection_type: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  groups?: string[];
  custom_attributes: Record<string, unknown>;
  raw_attributes: Record<string, unknown>;
}

// Names IdPs commonly use, tried after the connection's own mapping.
const fallbacks: Record<keyof AttributeMapping, string[]> = {
  email: ["email", "mail", "Email", "emailAddress", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "urn:oid:0.9.2342.19200300.100.1.3"],
  firstName: ["firstName", "first_name", "givenName", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42"],
  lastName: ["lastName", "last_name", "sn", "surname", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4"],
  groups: ["groups", "memberOf", "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", "http://schemas.xmlsoap.org/claims/Group"],
};

function pickName(attributes: Record<string, string[]>, field: keyof AttributeMapping, mapping: AttributeMapping): string | undefined {
  const names = [mapping[field], ...fallbacks[field]].filter((n): n is string => Boolean(n));
  return names.find((name) => attributes[name]?.length);
}

function pick(attributes: Record<string, string[]>, field: keyof AttributeMapping, mapping: AttributeMapping): string[] | undefined {
  const name = pickName(attributes, field, mapping);
  return name ? attributes[name] : undefined;
}

const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);

/** Builds the profile Portico hands the app from a validated assertion and the connection's mapping. */
export function profileFromAssertion(
  assertion: ValidatedAssertion,
  connection: { id: string; organizationId: string; connectionType: string; attributeMapping: AttributeMapping },
  profileId: string,
): ProfileWire {
  const { attributes } = assertion;
  const email = pick(attributes, "email", connection.attributeMapping)?.[0] ?? (looksLikeEmail(assertion.nameId) ? assertion.nameId : undefined);
  if (!email || !looksLikeEmail(email)) throw new SamlError("email_missing");
  const groupsName = pickName(attributes, "groups", connection.attributeMapping);
  const groups = groupsName ? attributes[groupsName] : undefined;
  const raw: Record<string, unknown> = {};
  // Single values read as strings, as IdPs mean them; the groups attribute stays a list even with one
  // group, so `raw_attributes` agrees with `groups` and an app reading either sees the same type.
  for (const [name, values] of Object.entries(attributes)) raw[name] = values.length === 1 && name !== groupsName ? values[0] : values;
  return {
    object: "profile",
    id: profileId,
    idp_id: assertion.nameId,
    organization_id: connection.organizationId,
    connection_id: connection.id,
    connection_type: connection.connectionType,
    email: email.toLowerCase(),
    first_name: pick(attributes, "firstName", connection.attributeMapping)?.[0] ?? null,
    last_name: pick(attributes, "lastName", connection.attributeMapping)?.[0] ?? null,
    ...(groups ? { groups } : {}),
    custom_attributes: {},
    raw_attributes: raw,
  };
}

/**
 * The fields whose mapping names an attribute the response did not carry. Sign-in still works through the
 * fallbacks (or the NameID), but Test sign-in says so: a mapping to `mail` that the IdP never sends is a
 * mistake the IT admin wants to hear about before their users do.
 */
export function missingMappedAttributes(
  attributes: Record<string, string[]>,
  mapping: AttributeMapping,
): { field: keyof AttributeMapping; attribute: string }[] {
  const fields = Object.keys(fallbacks) as (keyof AttributeMapping)[];
  return fields.flatMap((field) => {
    const attribute = mapping[field];
    return attribute && !attributes[attribute]?.length ? [{ field, attribute }] : [];
  });
}

const fieldNames: Record<keyof AttributeMapping, string> = { email: "email", firstName: "first name", lastName: "last name", groups: "groups" };

/** Test sign-in's word on a mapping that names attributes the IdP did not send (sign-in itself goes on). */
export function mappedAttributeWarnings(attributes: Record<string, string[]>, mapping: AttributeMapping): SamlWarning[] {
  const sent = Object.keys(attributes);
  return missingMappedAttributes(attributes, mapping).map(({ field, attribute }) => ({
    code: "mapped_attribute_missing" as const,
    explanation:
      `The attribute mapping reads the ${fieldNames[field]} from "${attribute}", but the IdP sent no such attribute` +
      `${field === "email" ? ", so the email came from another attribute or the NameID" : ""}. ` +
      `Add "${attribute}" to the IdP's attribute statements, or map ${fieldNames[field]} to one the IdP sent: ${sent.length ? sent.map((a) => `"${a}"`).join(", ") : "none were sent"}.`,
  }));
}
