export { importFromPolis, polisImportInput, type PolisImportInput } from "./polis";
export { polisClient, PolisApiError } from "./polis-client";
export { reportTable, type PolisImportReport } from "./polis-report";
export { getPolisImport, listPolisImports, POLIS_IMPORT_JOB, runPolisImportJob, startPolisImport, type PolisImportRunView } from "./polis-runs";
