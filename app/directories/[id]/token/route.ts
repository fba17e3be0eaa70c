import { apiRoute } from "@/server/api/route";
import { rotateDirectoryToken } from "@/server/services/directory-sync";

/** Portico extension: a new SCIM bearer token; the old one stops working at once. */
export const POST = apiRoute<{ id: string }>(async ({ ctx, params }) => ({ body: await rotateDirectoryToken(ctx, params.id) }));
