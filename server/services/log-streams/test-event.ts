import { randomBytes } from "node:crypto";
import type { StreamedEvent } from "@/server/wire/log-streams";

/** The sample a "Send test event" sends: shaped like every streamed event, marked as a test by its action. */
export function testEvent(now: Date): StreamedEvent {
  return {
    id: `audit_log_event_test_${randomBytes(8).toString("hex")}`,
    action: "portico.log_stream.test",
    actor: { id: "portico", type: "system", name: "Portico" },
    targets: [{ id: "log_stream", type: "log_stream", name: "Log stream test" }],
    context: { location: "portico" },
    occurred_at: now.toISOString(),
    metadata: { test: true },
  };
}
