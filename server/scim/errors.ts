/** SCIM protocol errors (RFC 7644 §3.12): `status` is a string in the body, `scimType` names the problem. */
type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly scimType?: ScimType,
    /** For 429: seconds until the client may try again (the `Retry-After` header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ScimError";
  }
}

const errorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

export function scimErrorBody(status: number, detail: string, scimType?: ScimType) {
  return { schemas: [errorSchema], status: String(status), ...(scimType ? { scimType } : {}), detail };
}

export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
