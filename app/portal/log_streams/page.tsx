import { PortalLogStreams } from "@/components/log-streams/manager";
import { BackToSetup } from "@/components/portal/intent-layout";
import { openedPortalIntent } from "@/server/portal/gate";

export default async function PortalLogStreamsPage() {
  const { successUrl } = await openedPortalIntent("log_streams");
  return (
    <>
      <BackToSetup />
      <h1 className="mt-4 text-2xl font-semibold text-slate-900">Log Streams</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">Send your organization&apos;s audit-log events to your SIEM or storage as they are recorded.</p>
      <PortalLogStreams successUrl={successUrl} />
    </>
  );
}
