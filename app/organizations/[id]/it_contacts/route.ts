import { apiRoute } from "@/server/api/route";
import { bodyObject, listBody, listQuery } from "@/server/api/wire-input";
import { createItContact, listItContacts } from "@/server/services/portal";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params, url }) => ({
  body: listBody(await listItContacts(ctx, params.id, listQuery(url))),
}));

export const POST = apiRoute<{ id: string }>(async ({ ctx, params, body }) => ({
  status: 201,
  body: await createItContact(ctx, params.id, bodyObject(body)),
}));
