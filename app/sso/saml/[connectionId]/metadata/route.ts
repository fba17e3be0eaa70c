import { errorPage, STRICT_CSP } from "@/server/api/sso-http";
import { NotFoundError } from "@/server/errors";
import { textProblemOf } from "@/server/input-text";
import { spMetadataXml } from "@/server/saml/sp-metadata";
import { openContext } from "@/server/services/context";
import { publishedSpIdentity } from "@/server/services/sso";

/** Portico's SP metadata for one connection: public by design, IdPs fetch it. */
export async function GET(_request: Request, context: { params: Promise<{ connectionId: string }> }): Promise<Response> {
  const { connectionId } = await context.params;
  try {
    if (textProblemOf(connectionId)) throw new NotFoundError("connection");
    const published = await publishedSpIdentity(await openContext({ type: "public", entry: "sso" }), connectionId);
    return new Response(spMetadataXml(published.sp), {
      headers: {
        "Content-Type": "application/samlmetadata+xml; charset=utf-8",
        "Content-Security-Policy": STRICT_CSP,
        "Content-Disposition": `inline; filename="portico-sp-${published.connectionId}.xml"`,
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return errorPage(404, "Unknown connection", "This SSO connection does not exist.");
    throw error;
  }
}
