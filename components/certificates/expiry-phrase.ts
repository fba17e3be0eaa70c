/** "expires in 12 days (2025-07-01)", or "expired on 2025-06-01". */
export function expiryPhrase(w: { daysUntilExpiry: number; isExpired: boolean; expiresAt: string }): string {
  const date = w.expiresAt.slice(0, 10);
  if (w.isExpired) return `expired on ${date}`;
  return `expires in ${w.daysUntilExpiry} day${w.daysUntilExpiry === 1 ? "" : "s"} (${date})`;
}
