export { createSetupLink, getActiveSetupLink, revokeSetupLink } from "./setup-links";
export { generatePortalLink } from "./api-links";
export { exchangePortalLink, resolvePortalSession, type PortalSession, type LinkFailure } from "./sessions";
export { completePortalIntent, markIntentStarted, intentStatuses, type IntentStatus } from "./progress";
export { createItContact, listItContacts, deleteItContact, inviteItContact, revokeItContactInvitation } from "./it-contacts";
export { intentLabels } from "./intents";
export { openPortalIntent } from "./gate";
