import { apiRoute } from "@/server/api/route";
import { deleteItContact } from "@/server/services/portal";

export const DELETE = apiRoute<{ id: string; contactId: string }>(async ({ ctx, params }) => {
  await deleteItContact(ctx, params.id, params.contactId);
  return { status: 204 };
});
