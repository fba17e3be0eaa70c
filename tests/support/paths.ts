import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
export const testDataRoot = path.join(projectRoot, ".test-data");
export const pgliteTemplatePath = path.join(testDataRoot, "pglite-template.tar.gz");
/** A migrated embedded database's files (a DATA_DIR's `pglite` folder), copied into each fresh data directory. */
export const pgliteTemplateDir = path.join(testDataRoot, "pglite-template-dir");
/** The operator CLI bundled once per run, so repeated commands start in a fraction of tsx's time. */
export const cliBundlePath = path.join(testDataRoot, "cli.mjs");
/** One marker per CLI command already run through `npm run portico` in this run. */
export const cliThroughNpmDir = path.join(testDataRoot, "cli-through-npm");
