import type { ServiceContext } from "./context";

/**
 * How records name who did something: `staff:<id>`, `api_key:<id>`, `portal:<session>`, `idp:<protocol>`,
 * `public:<entry>`, `system`.
 */
export function actorLabel(ctx: ServiceContext): string {
  switch (ctx.actor.type) {
    case "staff":
      return `staff:${ctx.actor.staffId}`;
    case "apiKey":
      return `api_key:${ctx.actor.apiKeyId}`;
    case "portal":
      return `portal:${ctx.actor.sessionId}`;
    case "idp":
      return `idp:${ctx.actor.protocol}`;
    case "public":
      return `public:${ctx.actor.entry}`;
    default:
      return "system";
  }
}

export function addedBy(ctx: ServiceContext): "portal" | "staff" | "api" {
  return ctx.actor.type === "portal" ? "portal" : ctx.actor.type === "staff" ? "staff" : "api";
}
