import "server-only";
import { getDbHandle } from "@/db/client";
import { handleScimRequest } from "@/server/services/directory-sync/scim";
import { directRoute } from "./direct-route";

export { handleScimRequest };

/** The SCIM 2.0 endpoint's transport: the whole request path lives in `server/services/directory-sync/scim/`. */
export function scimRoute() {
  return directRoute(async (request: Request, context: { params: Promise<{ directoryId: string; path?: string[] }> }): Promise<Response> => {
    const handle = await getDbHandle();
    // A SCIM write touches rows by id and key (a user, a group, its members): its statements' plans never
    // depend on their values, so they are planned once. Reads (filters, pages) are planned for their values.
    return handleScimRequest(request.method === "GET" ? handle.db : handle.planOnce, request, await context.params);
  });
}
