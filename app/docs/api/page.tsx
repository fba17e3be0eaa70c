import type { Metadata } from "next";
import { headers } from "next/headers";
import { referenceScriptName } from "@/server/api/openapi/reference";

export const metadata: Metadata = { title: "API reference" };

/** The API reference, rendered in the browser from /openapi.json; public like the document itself. */
export default async function ApiReferencePage() {
  const policy = (await headers()).get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  return (
    <main>
      <noscript>
        <p className="p-6">
          The reference needs JavaScript. The document itself is at <a href="/openapi.json">/openapi.json</a>.
        </p>
      </noscript>
      <div id="api-reference" />
      <script src={`/docs/api/assets/${referenceScriptName()}`} nonce={nonce} async />
    </main>
  );
}
