import { readFileSync } from "node:fs";
import path from "node:path";

/** Scalar's package, served from node_modules (never a CDN). */
export const SCALAR_DIR = path.join(process.cwd(), "node_modules", "@scalar", "api-reference");

let name: string | undefined;

/** System fonts (Scalar's own are on its CDN), and darker accents so small text passes WCAG AA contrast. */
const CUSTOM_CSS = `
:root, .light-mode, .dark-mode {
  --scalar-font: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  --scalar-font-code: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
}
.light-mode {
  --scalar-color-3: #5f5f5f;
  --scalar-color-green: #007a4d;
  --scalar-color-orange: #b03b00;
  --scalar-color-red: #c20000;
  --scalar-color-yellow: #8a6100;
  --scalar-color-blue: #0b5cad;
  --scalar-color-purple: #7a3fb0;
}
.dark-mode {
  --scalar-color-3: #b0b0b0;
}
`;

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
    customCss: CUSTOM_CSS,
  };
  // zod inside the bundle probes for `Function` (eval) unless told it runs without: the CSP forbids eval.
  // Its default fonts are declared on its CDN whatever the options say: the page uses system fonts instead.
  const local = standalone.replace(/@font-face\s*\{[^}]*fonts\.scalar\.com[^}]*\}/g, "");
  return `globalThis.__zod_globalConfig = { jitless: true };\n${local}\n;window.Scalar.createApiReference("#api-reference", ${JSON.stringify(configuration)});\n`;
}
