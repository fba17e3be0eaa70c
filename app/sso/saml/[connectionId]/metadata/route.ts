import { getDb } from "@/db/client";
import { errorPage, STRICT_CSP } from "@/server/api/sso-http";
import { NotFoundError } from "@/server/errors";
import { textProblemOf } from "@/server/input-text";
import { spMetadataXml } from "@/server/saml/sp-metadata";
import { spIdentity } from "@/server/services/sso";
import { findConnection } from "@/server/services/sso/load";

/** Portico's SP metadata for one connection: public by design, IdPs fetch it. */
export async function GET(_request: Request, context: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await context.params;
  try {
    if (textProblemOf(connectionId)) throw new NotFoundError("connection");
    const db = await getDb();
    const connection = await findConnection(db, null, connectionId);
    const sp = await spIdentity(db, connection);
    return new Response(spMetadataXml(sp), {
      headers: {
        "Content-Type": "application/samlmetadata+xml; charset=utf-8",
        "Content-Security-Policy": STRICT_CSP,
        "Content-Disposition": `inline; filename="portico-sp-${connection.id}.xml"`,
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return errorPage(404, "Unknown connection", "This SSO connection does not exist.");
    throw error;
  }
}
