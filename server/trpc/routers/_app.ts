import { router } from "@/server/trpc/init";
import { apiKeysRouter } from "./dashboard/api-keys";
import { organizationsRouter } from "./dashboard/organizations";
import { settingsRouter } from "./dashboard/settings";
import { setupLinksRouter } from "./dashboard/setup-links";
import { staffRouter } from "./dashboard/staff";
import { portalOverviewRouter } from "./portal/overview";
import { domainsRouter } from "./dashboard/domains";
import { portalDomainsRouter } from "./portal/domains";
import { connectionsRouter } from "./dashboard/connections";
import { portalSsoRouter } from "./portal/sso";
import { directoriesRouter } from "./dashboard/directories";
import { portalDirectorySyncRouter } from "./portal/directory-sync";
import { eventsRouter } from "./dashboard/events";
import { webhooksRouter } from "./dashboard/webhooks";
import { auditLogsRouter } from "./dashboard/audit-logs";
import { portalAuditLogsRouter } from "./portal/audit-logs";
import { logStreamsRouter } from "./dashboard/log-streams";
import { portalLogStreamsRouter } from "./portal/log-streams";
import { portalCertificateRenewalRouter } from "./portal/certificate-renewal";
import { polisImportRouter } from "./dashboard/polis-import";

export const appRouter = router({
  organizations: organizationsRouter,
  apiKeys: apiKeysRouter,
  staff: staffRouter,
  setupLinks: setupLinksRouter,
  settings: settingsRouter,
  domains: domainsRouter,
  connections: connectionsRouter,
  directories: directoriesRouter,
  webhooks: webhooksRouter,
  events: eventsRouter,
  auditLogs: auditLogsRouter,
  logStreams: logStreamsRouter,
  polisImport: polisImportRouter,
  portal: router({
    overview: portalOverviewRouter,
    domains: portalDomainsRouter,
    sso: portalSsoRouter,
    directorySync: portalDirectorySyncRouter,
    auditLogs: portalAuditLogsRouter,
    logStreams: portalLogStreamsRouter,
    certificateRenewal: portalCertificateRenewalRouter,
  }),
});

export type AppRouter = typeof appRouter;
