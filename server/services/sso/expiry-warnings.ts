import { and, eq } from "drizzle-orm";
import { connections, idpCertificates, organizations } from "@/db/schema";
import { nowOf, type ServiceContext } from "@/server/services/context";
import { EXPIRY_WARNING_DAYS } from "./certificate-expiry";
import { requireScope } from "@/server/services/scope";

const DAY_MS = 86_400_000;

interface CertificateExpiryWarning {
  organizationId: string;
  organizationName: string;
  connectionId: string;
  connectionName: string;
  /** The latest expiry among the connection's certificates: the date sign-ins stop working. */
  expiresAt: string;
  daysUntilExpiry: number;
  isExpired: boolean;
}

/**
 * SAML connections whose certificates all expire within 90 days (or have expired): what the dashboard's
 * organizations list and organization page, and the portal's SSO screens, warn about. One organization
 * for a portal session; all, or the one asked for, for staff.
 */
export async function certificateExpiryWarnings(ctx: ServiceContext, input: { organizationId?: string } = {}): Promise<CertificateExpiryWarning[]> {
  const organizationId = requireScope(ctx, { intent: ["sso", "certificate_renewal"] }) ?? input.organizationId ?? null;
  const rows = await ctx.db
    .select({
      organizationId: connections.organizationId,
      organizationName: organizations.name,
      connectionId: connections.id,
      connectionName: connections.name,
      notAfter: idpCertificates.notAfter,
    })
    .from(idpCertificates)
    .innerJoin(connections, and(eq(connections.organizationId, idpCertificates.organizationId), eq(connections.id, idpCertificates.connectionId)))
    .innerJoin(organizations, eq(organizations.id, connections.organizationId))
    .where(organizationId ? eq(idpCertificates.organizationId, organizationId) : undefined);
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const seen = latest.get(row.connectionId);
    if (!seen || seen.notAfter < row.notAfter) latest.set(row.connectionId, row);
  }
  const now = nowOf(ctx).getTime();
  return [...latest.values()]
    .filter((r) => r.notAfter.getTime() - now <= EXPIRY_WARNING_DAYS * DAY_MS)
    .sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime())
    .map((r) => {
      const left = r.notAfter.getTime() - now;
      return {
        organizationId: r.organizationId,
        organizationName: r.organizationName,
        connectionId: r.connectionId,
        connectionName: r.connectionName,
        expiresAt: r.notAfter.toISOString(),
        daysUntilExpiry: left > 0 ? Math.ceil(left / DAY_MS) : -Math.floor(-left / DAY_MS),
        isExpired: left <= 0,
      };
    });
}
