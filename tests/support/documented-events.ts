/** WorkOS's documented `connection.saml_certificate_*` data (the official Python and Rust SDKs type the same). */
export type DocumentedCertificateType = "ResponseSigning" | "RequestSigning" | "ResponseEncryption";
export type DocumentedRenewalRequired = {
  connection: { id: string; organization_id: string };
  certificate: { certificate_type: DocumentedCertificateType; expiry_date: string; is_expired: boolean };
  days_until_expiry: number;
};
export type DocumentedRenewed = {
  connection: { id: string; organization_id: string };
  certificate: { certificate_type: DocumentedCertificateType; expiry_date: string };
  renewed_at: string;
};
