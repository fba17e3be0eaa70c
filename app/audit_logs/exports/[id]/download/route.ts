import { NotFoundError } from "@/server/errors";
import { openContext } from "@/server/services/context";
import { exportCsvStream, verifyExportUrl } from "@/server/services/audit-logs/exports";

function refuse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ code, message }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}

/** The signed link from `GET /audit_logs/exports/:id`: the signature and expiry are the credential. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  const url = new URL(request.url);
  if (!verifyExportUrl(id, url.searchParams.get("expires"), url.searchParams.get("signature"))) {
    return refuse(403, "export_link_invalid", "This export link is invalid or has expired. Fetch the export again for a fresh link.");
  }
  try {
    const stream = await exportCsvStream(await openContext({ type: "public", entry: "audit-log-export" }), id);
    return new Response(stream, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${id}.csv"` },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return refuse(404, error.code, error.message);
    throw error;
  }
}
