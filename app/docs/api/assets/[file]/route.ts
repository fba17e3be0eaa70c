import { readFile } from "node:fs/promises";
import path from "node:path";
import { referenceScript, referenceScriptName, SCALAR_DIR } from "@/server/api/openapi/reference";

let cached: Promise<string> | undefined;

/**
 * The API reference's one script: Scalar's standalone bundle from node_modules (no CDN) followed by its
 * start-up call. The name carries the renderer's version, so browsers may keep it.
 */
export async function GET(_request: Request, context: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await context.params;
  if (file !== referenceScriptName()) return Response.json({ code: "not_found", message: "No such file." }, { status: 404 });
  cached ??= readFile(path.join(SCALAR_DIR, "dist", "browser", "standalone.js"), "utf8").then(referenceScript);
  return new Response(await cached, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable" },
  });
}
