export { importFromPolis, polisImportInput, type PolisImportInput } from "./polis";
export { polisClient, PolisApiError } from "./polis-client";
export { reportTable, type PolisImportReport } from "./polis-report";
