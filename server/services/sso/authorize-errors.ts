/**
 * The error codes `/sso/authorize` sends back to the app's redirect URI, with WorkOS's documented
 * descriptions word for word (the "Get an authorization URL" reference): apps match on these.
 */
export const authorizeErrorDescriptions = {
  access_denied:
    "The identity provider denied the user's access to the client application, or the user declined the OAuth authorization request at the identity provider.",
  ambiguous_connection_selector:
    "A connection could not be uniquely identified using the provided connection selector (e.g., organization). This can occur when there are multiple SSO connections under the same organization. If you need multiple SSO connections for an organization, use the connection parameter to identify which connection to use for SSO.",
  connection_domain_invalid: "There is no connection for the provided domain.",
  connection_invalid: "There is no connection for the provided ID.",
  connection_strategy_invalid: "The provider has multiple strategies associated per environment.",
  connection_unlinked: "The connection associated with the request is unlinked.",
  invalid_connection_selector:
    "A valid connection selector query parameter must be provided in order to correctly determine the proper connection to return an authorization URL for. Valid connection selectors are either `connection`, `organization`, or `provider`.",
  organization_invalid: "There is no organization matching the provided ID.",
  oauth_failed: "An OAuth authorization request failed for a user.",
  server_error:
    "The SSO authentication failed for the user. More detailed errors and steps to resolve are available in the Sessions tab on the connection page in the WorkOS Dashboard.",
} as const;

type AuthorizeErrorCode = keyof typeof authorizeErrorDescriptions;

/** A selector that names no usable connection: answered by redirect with `code` and its description. */
export class AuthorizeError extends Error {
  constructor(
    readonly code: AuthorizeErrorCode,
    /** WorkOS words some cases more precisely than the table (its own example: an organization without a connection). */
    readonly description: string = authorizeErrorDescriptions[code],
  ) {
    super(description);
  }
}
