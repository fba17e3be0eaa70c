import path from "node:path";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
export const testDataRoot = path.join(projectRoot, ".test-data");
export const pgliteTemplatePath = path.join(testDataRoot, "pglite-template.tar.gz");
