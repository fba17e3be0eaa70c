import "server-only";
import { getDb } from "@/db/client";
import { handleScimRequest } from "@/server/services/directory-sync/scim";
import { directRoute } from "./direct-route";

export { handleScimRequest };

/** The SCIM 2.0 endpoint's transport: the whole request path lives in `server/services/directory-sync/scim/`. */
export function scimRoute() {
  return directRoute(
    async (request: Request, context: { params: Promise<{ directoryId: string; path?: string[] }> }): Promise<Response> =>
      handleScimRequest(await getDb(), request, await context.params),
  );
}
