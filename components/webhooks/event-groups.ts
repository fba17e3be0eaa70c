import { eventNames, type EventName } from "@/server/wire/events";

/** The event types grouped as the picker and the filters show them. */
export const eventGroups: { label: string; events: EventName[] }[] = [
  { label: "Organizations", events: eventNames.filter((e) => e.startsWith("organization.")) },
  { label: "Domains", events: eventNames.filter((e) => e.startsWith("organization_domain.")) },
  { label: "SSO connections", events: eventNames.filter((e) => e.startsWith("connection.")) },
  { label: "Sign-ins", events: eventNames.filter((e) => e.startsWith("authentication.")) },
  { label: "Directory Sync", events: eventNames.filter((e) => e.startsWith("dsync.")) },
];
