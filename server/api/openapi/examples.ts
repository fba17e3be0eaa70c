/**
 * Ids and values the examples use. The conformance test creates real objects and puts their ids in
 * place of these, so every example is a request that works.
 */
export const exampleIds = {
  organization: "org_01EHZNVPK3SFK441A1RGBFSHRT",
  domain: "org_domain_01EHZNVPK2QXHMVWCEDQEKY69A",
  connection: "conn_01E4ZCR3C56J083X43JQXF3JK5",
  directory: "directory_01ECAZ4NV9QMV47GW873HDCX74",
  directoryUser: "directory_user_01E1JG7J09H96KYP8HM9B0G5SJ",
  directoryGroup: "directory_group_01E1JJS84MFPPQ3G655FHTKX6Z",
  webhookEndpoint: "we_01HCZ9A0F0RZ3M2QD8BK1R6K9B",
  itContact: "it_contact_01HD3QQY5CZ0CNW5JD6P4KQZ4M",
  auditLogExport: "audit_log_export_01GBZK5MP7TD1YCFQHFR22180V",
  scimUser: "directory_user_01HXJ3V2K9M6Q8R4T7W1Y5Z0AB",
  scimGroup: "directory_group_01HXJ3V2K9M6Q8R4T7W1Y5Z0CD",
  externalId: "2fe01467-f7ea-4dd2-8b79-c2b4f56d0191",
  auditLogAction: "user.signed_in",
  clientId: "client_01H4ZCR3C56J083X43JQXF3JK5",
  apiKey: "sk_example_123456789",
} as const;
