/** Stands in for a portal link in stored bodies; the Outbox puts the link back for staff who may open it. */
export const LINK_PLACEHOLDER = "[setup link — not kept in stored mail]";

/** Associated data binding a sealed link to its message, so a sealed value cannot be moved to another row. */
export const sealedLinkPurpose = (mailId: string) => `mail-link:${mailId}`;
