/**
 * SAML ACS validation: `validateSamlResponse` (every SECURITY.md check) on a signed ~2 KiB response,
 * next to the bare library call (xml-crypto's `checkSignature` on the same response), in the same run.
 * Run: npm run bench -- saml
 */
import { writeFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { validateSamlResponse } from "../server/saml/validate";
import { buildResponse, makeKeyPair } from "../tests/support/saml-idp";
import { reportRow } from "./support/report";

function measure(seconds: number, run: () => void) {
  for (let i = 0; i < 50; i++) run();
  let count = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 20; i++) run();
    count += 20;
  }
  const elapsed = (performance.now() - started) / 1000;
  return { validations: count, perSecond: count / elapsed, microsecondsEach: (elapsed * 1e6) / count };
}

async function main() {
  const idp = await makeKeyPair("bench-idp.example.com");
  const now = new Date("2030-01-01T00:00:00Z");
  const config = {
    spEntityId: "https://portico.example.com/sso/saml/conn_bench/metadata",
    acsUrl: "https://portico.example.com/sso/saml/conn_bench/acs",
    idpEntityId: "https://idp.example.com/metadata",
    idpCertificates: [idp.certificate],
  };
  const xml = buildResponse(idp, {
    issuer: config.idpEntityId,
    audience: config.spEntityId,
    acsUrl: config.acsUrl,
    inResponseTo: "_bench_request",
    nameId: "ada@acme.example.com",
    attributes: { email: "ada@acme.example.com", firstName: "Ada" },
    issueInstant: now,
    omitKeyInfo: true,
  });
  const samlResponse = Buffer.from(xml).toString("base64");
  const check = validateSamlResponse({ samlResponse, config, inResponseTo: { kind: "request", id: "_bench_request" }, now });
  if (!check.ok) throw new Error(`The benchmark response does not validate: ${check.code}`);

  const portico = measure(6, () => {
    const result = validateSamlResponse({ samlResponse, config, inResponseTo: { kind: "request", id: "_bench_request" }, now });
    if (!result.ok) throw new Error(result.code);
  });
  const bareLibrary = measure(6, () => {
    // What the library alone does: decode, parse, find the signature, verify it with the known certificate.
    const decoded = Buffer.from(samlResponse, "base64").toString("utf8");
    const doc = new DOMParser().parseFromString(decoded, "text/xml");
    const signature = doc.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature")[0]!;
    const verifier = new SignedXml({ publicCert: idp.certificate, getCertFromKeyInfo: () => null });
    verifier.loadSignature(signature);
    if (!verifier.checkSignature(decoded)) throw new Error("bare check failed");
  });
  const report = {
    benchmark: "ACS validation of a signed SAML response (assertion signed, RSA-SHA256)",
    responseBytes: Buffer.byteLength(xml),
    portico,
    bareLibrary,
    ratio: portico.perSecond / bareLibrary.perSecond,
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(
    `\nPortico validations/s: ${portico.perSecond.toFixed(0)}; bare xml-crypto checkSignature/s: ${bareLibrary.perSecond.toFixed(0)}; ratio ${report.ratio.toFixed(2)}`,
  );
  reportRow({
    scenario: "ACS: validate a signed SAML response (bare: xml-crypto checkSignature alone)",
    portico: `${Math.round(portico.perSecond)}/s`,
    bare: `${Math.round(bareLibrary.perSecond)}/s`,
    ratio: report.ratio,
    target: "-",
  });
  writeFileSync(new URL("./results/saml.json", import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
