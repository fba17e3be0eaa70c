import { z } from "zod";
import { env } from "@/server/env";
import { ValidationError } from "@/server/errors";
import { fetchMetadata } from "@/server/saml/fetch-metadata";
import { MetadataError, parseIdpMetadata, readCertificate, usableCertificates, type CertificateInfo } from "@/server/saml/metadata";
import { checkRedirectUrl } from "@/server/services/settings/redirect-url";

export const idpConfigFields = {
  metadataUrl: z.string().trim().min(1).max(2000).optional(),
  metadataXml: z
    .string()
    .min(1)
    .max(1024 * 1024, "must be at most 1 MiB")
    .optional(),
  idpEntityId: z.string().trim().min(1).max(1000).optional(),
  ssoUrl: z.string().trim().min(1).max(2000).optional(),
  x509Certificates: z.array(z.string().min(1).max(20_000)).max(10).optional(),
};
type IdpConfigInput = { [K in keyof typeof idpConfigFields]?: z.output<(typeof idpConfigFields)[K]> };

export interface ResolvedIdpConfig {
  metadataSource: "url" | "xml" | "manual";
  metadataUrl: string | null;
  metadataXml: string | null;
  idpEntityId: string;
  idpSsoUrl: string;
  idpSsoBinding: "redirect" | "post";
  certificates: CertificateInfo[];
}

function fail(field: string, problem: string, message: string): never {
  throw new ValidationError([{ field, code: `${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/\.\d+$/, "")}_${problem}`, message }]);
}

/**
 * The IdP side of a connection, given one of three ways: a metadata URL (fetched server-side), a
 * metadata document, or by hand. Returns null when none was given. Errors name the field and the problem.
 */
export async function resolveIdpConfig(input: IdpConfigInput, now: Date): Promise<ResolvedIdpConfig | null> {
  const manual = input.idpEntityId !== undefined || input.ssoUrl !== undefined || input.x509Certificates !== undefined;
  const given = [input.metadataUrl !== undefined, input.metadataXml !== undefined, manual].filter(Boolean).length;
  if (given === 0) return null;
  if (given > 1) fail("metadataUrl", "conflict", "give a metadata URL, a metadata file, or the IdP's values by hand: only one of them");
  if (input.metadataUrl !== undefined || input.metadataXml !== undefined) {
    const field = input.metadataUrl !== undefined ? "metadataUrl" : "metadataXml";
    try {
      const xml =
        input.metadataUrl !== undefined ? await fetchMetadata(input.metadataUrl, { allowPrivate: env().OUTBOUND_ALLOW_PRIVATE_ADDRESSES }) : input.metadataXml!;
      const metadata = parseIdpMetadata(xml);
      return {
        metadataSource: input.metadataUrl !== undefined ? "url" : "xml",
        metadataUrl: input.metadataUrl ?? null,
        metadataXml: xml,
        idpEntityId: metadata.entityId,
        idpSsoUrl: metadata.ssoUrl,
        idpSsoBinding: metadata.binding,
        certificates: usableCertificates(metadata.certificates, now),
      };
    } catch (error) {
      if (error instanceof MetadataError) fail(field, error.problem, `the metadata ${error.message}`);
      throw error;
    }
  }
  if (!input.idpEntityId) fail("idpEntityId", "required", "enter the IdP entity ID (issuer)");
  const sso = checkRedirectUrl(input.ssoUrl ?? "", { allowLocalHttp: true });
  if (!sso.ok) fail("ssoUrl", sso.problem === "missing" ? "required" : "invalid", `enter the IdP's SSO URL: ${sso.message}`);
  if (!input.x509Certificates?.length) fail("x509Certificates", "required", "paste at least one signing certificate (PEM)");
  const certificates = input.x509Certificates.map((pem, i) => {
    try {
      return readCertificate(pem);
    } catch (error) {
      if (error instanceof MetadataError) fail(`x509Certificates.${i}`, "invalid", `certificate ${i + 1} ${error.message}`);
      throw error;
    }
  });
  try {
    return {
      metadataSource: "manual",
      metadataUrl: null,
      metadataXml: null,
      idpEntityId: input.idpEntityId,
      idpSsoUrl: sso.url,
      idpSsoBinding: "redirect",
      certificates: usableCertificates(certificates, now),
    };
  } catch (error) {
    if (error instanceof MetadataError) fail("x509Certificates", error.problem, `the certificates: ${error.message}`);
    throw error;
  }
}
