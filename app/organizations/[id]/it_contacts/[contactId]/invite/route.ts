import { apiRoute } from "@/server/api/route";
import { bodyObject } from "@/server/api/wire-input";
import { inviteItContact } from "@/server/services/portal";
import { setupLinkToWire } from "@/server/wire/portal";

export const POST = apiRoute<{ id: string; contactId: string }>(async ({ ctx, params, body }) => ({
  status: 201,
  body: setupLinkToWire(await inviteItContact(ctx, params.id, params.contactId, bodyObject(body))),
}));
