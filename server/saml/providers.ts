import type { AttributeMapping } from "@/db/schema";

export const providerKeys = ["okta", "entra", "google", "onelogin", "jumpcloud", "pingfederate", "adfs", "keycloak", "auth0", "custom"] as const;
export type ProviderKey = (typeof providerKeys)[number];

interface Provider {
  key: ProviderKey;
  label: string;
  connectionType: string;
  /** Where each profile field comes from by default, in the attribute names that IdP sends. */
  mapping: Required<AttributeMapping>;
  /** Step-by-step setup at the IdP. `{acs}`, `{entityId}`, `{metadataUrl}` are filled in per connection. */
  steps: string[];
  /** What that IdP calls the values Portico gives. */
  labels: { acs: string; entityId: string };
}

const CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims";
const standard = { email: "email", firstName: "firstName", lastName: "lastName", groups: "groups" };

export const providers: Record<ProviderKey, Provider> = {
  okta: {
    key: "okta",
    label: "Okta",
    connectionType: "OktaSAML",
    mapping: standard,
    labels: { acs: "Single sign-on URL", entityId: "Audience URI (SP Entity ID)" },
    steps: [
      "In the Okta Admin Console, go to Applications → Applications → Create App Integration, choose SAML 2.0.",
      "Paste the Single sign-on URL and the Audience URI below; set Name ID format to EmailAddress and Application username to Email.",
      "Under Attribute Statements add email → user.email, firstName → user.firstName, lastName → user.lastName; under Group Attribute Statements add groups (filter: Matches regex .*).",
      "Finish, assign the app to people or groups, then copy the Metadata URL from the Sign On tab.",
    ],
  },
  entra: {
    key: "entra",
    label: "Microsoft Entra ID",
    connectionType: "AzureSAML",
    mapping: {
      email: `${CLAIMS}/emailaddress`,
      firstName: `${CLAIMS}/givenname`,
      lastName: `${CLAIMS}/surname`,
      groups: "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
    },
    labels: { acs: "Reply URL (Assertion Consumer Service URL)", entityId: "Identifier (Entity ID)" },
    steps: [
      "In the Entra admin center, go to Enterprise applications → New application → Create your own application (non-gallery).",
      "Open Single sign-on → SAML. In Basic SAML Configuration paste the Identifier and the Reply URL below.",
      "In Attributes & Claims keep emailaddress, givenname and surname; add a group claim if the app uses groups.",
      "Assign users or groups, then copy the App Federation Metadata Url from SAML Certificates.",
    ],
  },
  google: {
    key: "google",
    label: "Google Workspace",
    connectionType: "GoogleSAML",
    mapping: standard,
    labels: { acs: "ACS URL", entityId: "Entity ID" },
    steps: [
      "In the Google Admin console, go to Apps → Web and mobile apps → Add app → Add custom SAML app.",
      "Download the IdP metadata on the Google Identity Provider details page.",
      "Paste the ACS URL and Entity ID below; set Name ID format to EMAIL and Name ID to Basic Information > Primary email.",
      "Map Primary email → email, First name → firstName, Last name → lastName, and Group membership → groups; turn the app on for the right organizational units.",
    ],
  },
  onelogin: {
    key: "onelogin",
    label: "OneLogin",
    connectionType: "OneLoginSAML",
    mapping: standard,
    labels: { acs: "ACS (Consumer) URL", entityId: "Audience (EntityID)" },
    steps: [
      "In OneLogin, go to Applications → Add App and choose SAML Custom Connector (Advanced).",
      "On Configuration paste the Audience, Recipient, ACS (Consumer) URL Validator (the ACS URL, regex-escaped) and ACS (Consumer) URL below.",
      "On Parameters add email, firstName, lastName and groups, each included in the SAML assertion.",
      "Save, then copy the Issuer URL from More Actions → SAML Metadata.",
    ],
  },
  jumpcloud: {
    key: "jumpcloud",
    label: "JumpCloud",
    connectionType: "JumpCloudSAML",
    mapping: standard,
    labels: { acs: "ACS URL", entityId: "SP Entity ID" },
    steps: [
      "In JumpCloud, go to SSO Applications → Add New Application → Custom Application → Manage Single Sign-On (SSO) with SAML.",
      "Set an IdP Entity ID, paste the SP Entity ID and ACS URL below, and set SAMLSubject NameID to email.",
      "Add attributes email, firstName and lastName, and enable Include group attribute named groups.",
      "Activate, bind user groups, then export the metadata.",
    ],
  },
  pingfederate: {
    key: "pingfederate",
    label: "PingFederate",
    connectionType: "PingFederateSAML",
    mapping: standard,
    labels: { acs: "Assertion Consumer Service URL", entityId: "Partner's Entity ID" },
    steps: [
      "In PingFederate, create an SP Connection with the Browser SSO profile, SAML 2.0.",
      "Import Portico's SP metadata (download below), or enter the Partner's Entity ID and the ACS URL with the POST binding.",
      "In the Attribute Contract add email, firstName, lastName and groups, and fulfil them from your data store.",
      "Sign the assertion with RSA-SHA256, activate the connection and export your IdP metadata.",
    ],
  },
  adfs: {
    key: "adfs",
    label: "Microsoft AD FS",
    connectionType: "ADFSSAML",
    mapping: {
      email: `${CLAIMS}/emailaddress`,
      firstName: `${CLAIMS}/givenname`,
      lastName: `${CLAIMS}/surname`,
      groups: "http://schemas.xmlsoap.org/claims/Group",
    },
    labels: { acs: "SAML 2.0 SSO service URL", entityId: "Relying party trust identifier" },
    steps: [
      "In AD FS Management, add a Relying Party Trust and import Portico's SP metadata (download below), or enter the identifier and the SAML 2.0 SSO service URL by hand.",
      "Add a claim rule Send LDAP Attributes as Claims: E-Mail-Addresses → E-Mail Address, Given-Name → Given Name, Surname → Surname, Token-Groups → Group.",
      "Add a Transform rule from E-Mail Address to Name ID (Email).",
      "Give the federation metadata URL: https://<your AD FS host>/FederationMetadata/2007-06/FederationMetadata.xml.",
    ],
  },
  keycloak: {
    key: "keycloak",
    label: "Keycloak",
    connectionType: "KeycloakSAML",
    mapping: standard,
    labels: { acs: "Assertion Consumer Service POST Binding URL", entityId: "Client ID" },
    steps: [
      "In the Keycloak admin console, Clients → Import client, and import Portico's SP metadata (download below); or create a SAML client whose Client ID is the SP entity ID.",
      "Set Valid redirect URIs and the ACS POST binding URL to the ACS URL below; set Name ID format to email.",
      "Add mappers: User Property email → email, firstName → firstName, lastName → lastName, and a Group list mapper named groups.",
      "Copy the realm's SAML metadata URL: https://<host>/realms/<realm>/protocol/saml/descriptor.",
    ],
  },
  auth0: {
    key: "auth0",
    label: "Auth0",
    connectionType: "Auth0SAML",
    mapping: { email: `${CLAIMS}/emailaddress`, firstName: `${CLAIMS}/givenname`, lastName: `${CLAIMS}/surname`, groups: "http://schemas.auth0.com/groups" },
    labels: { acs: "Application Callback URL", entityId: "audience" },
    steps: [
      "In the Auth0 dashboard, create a Regular Web Application and enable the SAML2 Web App add-on.",
      'Paste the ACS URL as the Application Callback URL, and in Settings set "audience" to the SP entity ID below.',
      "Keep the default claim mappings (emailaddress, givenname, surname); add groups through an Action if needed.",
      "Copy the Identity Provider Metadata URL from the add-on's Usage tab.",
    ],
  },
  custom: {
    key: "custom",
    label: "Custom SAML",
    connectionType: "GenericSAML",
    mapping: standard,
    labels: { acs: "ACS URL", entityId: "SP Entity ID (Audience)" },
    steps: [
      "Create a SAML 2.0 application in your IdP.",
      "Paste the ACS URL (HTTP-POST) and the SP entity ID below, or import Portico's SP metadata.",
      "Sign assertions with RSA-SHA256; send the user's email as NameID (format emailAddress).",
      "Add attribute statements email, firstName, lastName and groups, then give Portico the IdP's metadata.",
    ],
  },
};

export function providerForConnectionType(connectionType: string): Provider {
  return Object.values(providers).find((p) => p.connectionType === connectionType) ?? providers.custom;
}
