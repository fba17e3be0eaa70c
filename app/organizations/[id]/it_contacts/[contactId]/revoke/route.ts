import { apiRoute } from "@/server/api/route";
import { revokeItContactInvitation } from "@/server/services/portal";
import { setupLinkToWire } from "@/server/wire/portal";

export const POST = apiRoute<{ id: string; contactId: string }>(async ({ ctx, params }) => ({
  body: { ...setupLinkToWire(await revokeItContactInvitation(ctx, params.id, params.contactId)), state: "revoked" },
}));
