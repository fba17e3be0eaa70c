import { MetadataError } from "@/server/saml/metadata";

/** What parsing a metadata document says: "ok", or the problem code and message it was refused with. */
export function metadataProblem(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (error) {
    return error instanceof MetadataError ? `${error.problem}: ${error.message}` : String(error);
  }
}
