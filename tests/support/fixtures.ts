import { existsSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./paths";

/**
 * Third-party material (recorded SAML responses and metadata, Okta's and Microsoft's SCIM collections)
 * sits beside the checkout in ../shared/fixtures when it is there; only tests/conformance reads it.
 */
export const sharedFixtures = path.resolve(projectRoot, "..", "shared", "fixtures");

export const conformanceNotice =
  "SKIPPED the conformance suite (tests/conformance: recorded SAML responses and IdP metadata from python3-saml " +
  `and node-saml, Okta's and Microsoft's SCIM test collections): ${sharedFixtures} was not found. ` +
  "Put the fixtures folder there (beside this checkout, as shared/fixtures) to run it; CI always does.";

export function haveSharedFixtures(): boolean {
  return existsSync(sharedFixtures);
}
