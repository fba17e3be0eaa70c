import { scimRoute } from "@/server/api/scim-route";

// One SCIM 2.0 server per directory, authenticated by the directory's bearer token (not an API key).
const handle = scimRoute();
export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
export const dynamic = "force-dynamic";
