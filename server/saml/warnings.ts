import { X509Certificate } from "node:crypto";
import { normalizePem } from "./signature";

/**
 * Problems worth fixing that do not refuse a response. The configured certificate is what Portico
 * trusts (SAML metadata pins keys, not a CA chain), so an expired one still verifies, and IdPs do keep
 * signing with one after its end date; the IT admin should hear about it before the IdP rotates.
 */
const samlWarningCodes = ["certificate_expired", "certificate_not_yet_valid", "mapped_attribute_missing"] as const;
export type SamlWarningCode = (typeof samlWarningCodes)[number];

export interface SamlWarning {
  code: SamlWarningCode;
  explanation: string;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Warnings about the certificates that verified a response, at the validation's own clock. */
export function certificateValidityWarnings(certificates: string[], now: Date): SamlWarning[] {
  const warnings: SamlWarning[] = [];
  const seen = new Set<string>();
  for (const value of certificates) {
    // Bare public keys carry no dates.
    if (/BEGIN PUBLIC KEY/.test(value)) continue;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(normalizePem(value));
    } catch {
      continue;
    }
    if (seen.has(cert.fingerprint256)) continue;
    seen.add(cert.fingerprint256);
    const name = `${cert.subject.replace(/\n/g, ", ")} (SHA-256 ${cert.fingerprint256})`;
    const notBefore = new Date(cert.validFrom);
    const notAfter = new Date(cert.validTo);
    if (now.getTime() > notAfter.getTime()) {
      warnings.push({
        code: "certificate_expired",
        explanation: `The IdP signed this response with a certificate that expired on ${day(notAfter)}: ${name}. It was accepted because it is configured on this connection, but the IdP should sign with a current certificate: create a new signing certificate at the IdP and add it to the connection.`,
      });
    } else if (now.getTime() < notBefore.getTime()) {
      warnings.push({
        code: "certificate_not_yet_valid",
        explanation: `The IdP signed this response with a certificate that is valid only from ${day(notBefore)}: ${name}. It was accepted because it is configured on this connection; check the IdP's clock and the certificate's dates.`,
      });
    }
  }
  return warnings;
}
