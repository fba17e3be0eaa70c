import { acsResponse } from "@/server/api/acs-http";
import { sharedAcsConnectionId } from "@/server/services/sso";

/**
 * Ory Polis's ACS path, kept for connections imported from it: their IdPs go on posting here, with the
 * audience Polis had, and sign-ins keep working once this host serves Portico.
 */
export async function POST(request: Request): Promise<Response> {
  return acsResponse(request, sharedAcsConnectionId);
}
