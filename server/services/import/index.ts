export { importFromPolis } from "./polis";
export { polisClient } from "./polis-client";
export { reportTable, type PolisImportReport } from "./polis-report";
export { getPolisImport, listPolisImports, POLIS_IMPORT_JOB, runPolisImportJob, startPolisImport } from "./polis-runs";
