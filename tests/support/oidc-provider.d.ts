// oidc-provider ships no types; only what the test IdP uses is declared.
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  interface ClientPrototype {
    redirectUriAllowed(this: ClientPrototype, uri: string): boolean;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & { findAccount?: (ctx: unknown, sub: string) => Promise<unknown> });
    Client: { prototype: ClientPrototype };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
