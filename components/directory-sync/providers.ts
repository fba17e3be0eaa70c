/**
 * The identity providers the portal walks an IT admin through, keyed by the directory `type` the
 * API uses. Steps follow each provider's own admin console; `fields` marks the step where the SCIM
 * base URL and the bearer token are pasted, so they are shown (with copy buttons) right there.
 */
interface GuideStep {
  title: string;
  body: string;
  fields?: boolean;
}

interface ProviderGuide {
  type: string;
  label: string;
  /** What the provider calls the two values: they are pasted into fields with these names. */
  baseUrlLabel: string;
  tokenLabel: string;
  steps: (product: string) => GuideStep[];
}

export const providerGuides: ProviderGuide[] = [
  {
    type: "okta scim v2.0",
    label: "Okta",
    baseUrlLabel: "SCIM connector base URL",
    tokenLabel: "Authorization (HTTP header)",
    steps: (product) => [
      {
        title: "Open the app integration",
        body: `In the Okta Admin Console, go to Applications → Applications and open the app integration for ${product} (or create one with Create App Integration).`,
      },
      { title: "Turn on SCIM provisioning", body: "On the General tab, click Edit under App Settings, set Provisioning to SCIM and save." },
      {
        title: "Connect to the SCIM server",
        body: "On the Provisioning tab, open Integration and click Edit. Paste the SCIM connector base URL, set the unique identifier field to userName, tick Push New Users, Push Profile Updates and Push Groups, choose HTTP Header as the authentication mode and paste the token. Click Test Connector Configuration, then Save.",
        fields: true,
      },
      {
        title: "Choose what Okta sends",
        body: "Under Provisioning → To App, click Edit and enable Create Users, Update User Attributes and Deactivate Users. Save.",
      },
      {
        title: "Assign people and push groups",
        body: "Assign people and groups on the Assignments tab, and add the groups to send on the Push Groups tab. Okta provisions them right away.",
      },
    ],
  },
  {
    type: "azure scim v2.0",
    label: "Microsoft Entra ID",
    baseUrlLabel: "Tenant URL",
    tokenLabel: "Secret Token",
    steps: (product) => [
      {
        title: "Create an enterprise application",
        body: `In the Microsoft Entra admin center, go to Enterprise applications → New application → Create your own application. Name it ${product} and choose "Integrate any other application you don't find in the gallery".`,
      },
      { title: "Start provisioning", body: "Open the application, choose Provisioning, and set the Provisioning Mode to Automatic." },
      {
        title: "Enter the admin credentials",
        body: "Under Admin Credentials, paste the Tenant URL and the Secret Token. Click Test Connection, then Save.",
        fields: true,
      },
      {
        title: "Review the mappings",
        body: "Under Mappings, check which user and group attributes Entra sends. The defaults work; custom attributes can be mapped here and in the attribute map.",
      },
      {
        title: "Assign and switch on",
        body: "Add users and groups under Users and groups, set Provisioning Status to On and save. Entra syncs every 40 minutes; Provision on demand syncs one user now.",
      },
    ],
  },
  {
    type: "onelogin scim v2.0",
    label: "OneLogin",
    baseUrlLabel: "SCIM Base URL",
    tokenLabel: "SCIM Bearer Token",
    steps: (product) => [
      {
        title: "Add the SCIM app",
        body: `In OneLogin Administration, go to Applications → Add App, search for "SCIM Provisioner with SAML (SCIM v2 Enterprise)", name it ${product} and save.`,
      },
      {
        title: "Enter the SCIM connection",
        body: "On the Configuration tab, paste the SCIM Base URL and the SCIM Bearer Token, keep the default JSON template, save, then click Enable next to API Status.",
        fields: true,
      },
      {
        title: "Enable provisioning",
        body: "On the Provisioning tab, tick Enable provisioning, choose what happens to deleted and suspended users, and save.",
      },
      { title: "Give people access", body: "Assign the app to users or roles; groups are sent through the Groups parameter and rules." },
    ],
  },
  {
    type: "jump cloud scim v2.0",
    label: "JumpCloud",
    baseUrlLabel: "Base URL",
    tokenLabel: "Token Value",
    steps: (product) => [
      {
        title: "Add the application",
        body: `In the JumpCloud Admin Portal, go to SSO Applications → Add New Application, pick a custom application for ${product}, and tick Export users to this app (Identity Management).`,
      },
      {
        title: "Configure Identity Management",
        body: "On the Identity Management tab, choose SCIM 2.0, paste the Base URL and the Token Value, and click Activate. JumpCloud tests the connection.",
        fields: true,
      },
      { title: "Send groups", body: "Turn on group management if you want groups to sync, then save." },
      { title: "Bind user groups", body: "On the User Groups tab, bind the groups whose members should be provisioned." },
    ],
  },
  {
    type: "pingfederate scim v2.0",
    label: "PingFederate",
    baseUrlLabel: "SCIM URL",
    tokenLabel: "Access Token",
    steps: (product) => [
      {
        title: "Open the SP connection",
        body: `In the PingFederate administrative console, open Applications → SP Connections and create or edit the connection for ${product}. On Connection Type, tick Outbound Provisioning and choose the SCIM Connector.`,
      },
      {
        title: "Set the target",
        body: "Under Outbound Provisioning → Configure Provisioning, paste the SCIM URL, choose SCIM version 2.0 and OAuth 2 Bearer Token authentication, and paste the access token.",
        fields: true,
      },
      { title: "Create a channel", body: "Under Manage Channels, add a channel: pick the data store, the users and groups to send, and map the attributes." },
      { title: "Activate", body: "Set the channel and the connection to Active. PingFederate starts provisioning on its next cycle." },
    ],
  },
  {
    type: "rippling scim v2.0",
    label: "Rippling",
    baseUrlLabel: "SCIM base URL",
    tokenLabel: "API token",
    steps: (product) => [
      { title: "Find the app", body: `In Rippling, open the App Shop and find ${product}, or add a custom app that provisions over SCIM.` },
      {
        title: "Connect over SCIM",
        body: "Choose SCIM as the provisioning method, then paste the SCIM base URL and the API token (sent as a Bearer token).",
        fields: true,
      },
      { title: "Choose who gets access", body: "Pick the employees, departments or groups who should have an account, and map the attributes." },
      { title: "Save and sync", body: "Save; Rippling creates the accounts and keeps them in sync." },
    ],
  },
  {
    type: "generic scim v2.0",
    label: "Generic SCIM 2.0",
    baseUrlLabel: "SCIM base URL",
    tokenLabel: "Bearer token",
    steps: (product) => [
      { title: "Open the provisioning settings", body: `In your identity provider, create or open the SCIM 2.0 provisioning configuration for ${product}.` },
      {
        title: "Connect to the SCIM server",
        body: "Paste the SCIM base URL, and authenticate with the HTTP header Authorization: Bearer followed by the token.",
        fields: true,
      },
      { title: "Choose what to send", body: "Use userName as the unique identifier, and enable creating, updating and deactivating users and pushing groups." },
      { title: "Assign and start", body: "Assign the people and groups to provision and start provisioning." },
    ],
  },
];

export function providerGuide(type: string): ProviderGuide {
  return providerGuides.find((p) => p.type === type) ?? providerGuides.at(-1)!;
}
