import { readFileSync } from "node:fs";
import path from "node:path";

/** Scalar's package, served from node_modules (never a CDN). */
export const SCALAR_DIR = path.join(process.cwd(), "node_modules", "@scalar", "api-reference");

let name: string | undefined;

/** The renderer's file name under /docs/api/assets/, versioned so a new renderer gets a new URL. */
export function referenceScriptName(): string {
  name ??= `reference-${(JSON.parse(readFileSync(path.join(SCALAR_DIR, "package.json"), "utf8")) as { version: string }).version}.js`;
  return name;
}

/**
 * Scalar started on `#api-reference` with the document from /openapi.json. Everything it would fetch
 * from outside is off: its fonts, telemetry, the hosted request proxy and its AI agent.
 */
export function referenceScript(standalone: string): string {
  const configuration = {
    url: "/openapi.json",
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    showDeveloperTools: "never",
    agent: { disabled: true },
    mcp: { disabled: true },
    documentDownloadType: "json",
    metaData: { title: "Portico API reference" },
  };
  return `${standalone}\n;window.Scalar.createApiReference("#api-reference", ${JSON.stringify(configuration)});\n`;
}
