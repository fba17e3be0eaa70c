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

/** How a change history names who made a change, as a person reads it. */
export function actorDescription(ctx: ServiceContext): string {
  switch (ctx.actor.type) {
    case "staff":
      return `Staff: ${ctx.actor.email}`;
    case "portal":
      return "IT admin (Admin Portal)";
    case "apiKey":
      return "API";
    case "idp":
      return `Identity provider (${ctx.actor.protocol.toUpperCase()})`;
    case "public":
      return `Portico (${ctx.actor.entry})`;
    default:
      return `Portico (${ctx.actor.reason})`;
  }
}

export function addedBy(ctx: ServiceContext): "portal" | "staff" | "api" {
  return ctx.actor.type === "portal" ? "portal" : ctx.actor.type === "staff" ? "staff" : "api";
}
