import { errorPage, outgoing } from "@/server/api/sso-http";
import { NotFoundError } from "@/server/errors";
import { textProblemOf } from "@/server/input-text";
import { openContext } from "@/server/services/context";
import { outgoingRequestFor } from "@/server/services/sso";

/** Sends the browser to the IdP with an open attempt's signed AuthnRequest (Test sign-in's new tab). */
export async function GET(_request: Request, context: { params: Promise<{ connectionId: string; sessionId: string }> }): Promise<Response> {
  const { connectionId, sessionId } = await context.params;
  try {
    // An id no row can have (a NUL would fail the query itself) is simply not found.
    if (textProblemOf(connectionId) || textProblemOf(sessionId)) throw new NotFoundError("sign-in");
    return outgoing(await outgoingRequestFor(await openContext({ type: "public", entry: "sso" }), { connectionId, sessionId, now: new Date() }));
  } catch (error) {
    if (error instanceof NotFoundError) return errorPage(404, "This sign-in has expired", "Start Test sign-in again from the Admin Portal.");
    throw error;
  }
}
