/** Where each IdP makes its new signing certificate, in the IdP's own words. */
export const renewalSteps: Record<string, string[]> = {
  okta: [
    "In the Okta Admin Console open the app → Sign On → SAML Signing Certificates, and Generate new certificate.",
    "Download the new certificate (or the IdP metadata) and add it below. Do not activate it in Okta yet.",
    "Activate the new certificate in Okta, then run Test sign-in here.",
  ],
  entra: [
    "In the Entra admin center open the enterprise application → Single sign-on → SAML Certificates → Edit → New Certificate.",
    "Download Certificate (Base64) or the Federation Metadata XML of the new one and add it below.",
    "Make the new certificate active in Entra, then run Test sign-in here.",
  ],
  google: [
    "In the Google Admin console open Apps → Web and mobile apps → the app → Service provider details → Manage certificates, and add a certificate.",
    "Download the new certificate or the IdP metadata and add it below.",
    "Switch the app to the new certificate, then run Test sign-in here.",
  ],
  adfs: [
    "In AD FS Management open Service → Certificates; with AutoCertificateRollover the next Token-signing certificate appears ahead of time.",
    "Export the new Token-signing certificate (Base-64 X.509) or download FederationMetadata.xml and add it below.",
    "Make it primary in AD FS, then run Test sign-in here.",
  ],
};

export const genericRenewalSteps = [
  "At your identity provider, create (or find) the app's new signing certificate.",
  "Download it as a PEM / Base64 X.509 file, or download the IdP's new metadata XML, and add it below.",
  "Switch the IdP to sign with the new certificate, then run Test sign-in here.",
];
