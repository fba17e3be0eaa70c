import "server-only";
import { clientAddress } from "@/server/http/client-address";

/** The address a request came from, for per-client rate limits: the socket's, or a trusted proxy's word. */
export function clientAddressOf(request: Request): string {
  return clientAddress(request.headers);
}
