import type { PortalLinkView } from "@/server/services/portal/links";

/** An emailed setup link as the IT-contacts API reports it (Portico's shape; the SDK ignores the body). */
export function setupLinkToWire(link: PortalLinkView) {
  return {
    object: "portal_setup_link",
    id: link.id,
    organization_id: link.organizationId,
    intents: link.intents,
    sent_to: link.sentTo,
    state: "active" as "active" | "revoked",
    expires_at: link.expiresAt.toISOString(),
    created_at: link.createdAt.toISOString(),
  };
}
