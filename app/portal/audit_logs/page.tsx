import { AuditLogViewer } from "@/components/audit-logs/viewer";
import { BackToSetup } from "@/components/portal/intent-layout";
import { openedPortalIntent } from "@/server/portal/gate";

export default async function PortalAuditLogsPage() {
  await openedPortalIntent("audit_logs");
  return (
    <>
      <BackToSetup />
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">Audit Logs</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Review and export the activity of your organization.</p>
      <AuditLogViewer surface="portal" />
    </>
  );
}
