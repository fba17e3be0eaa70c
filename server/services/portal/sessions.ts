import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, portalLinks, portalSessions, type PortalIntent } from "@/db/schema";
import type { ServiceContext } from "@/server/services/context";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { newId } from "@/server/ids";
import { hitRateLimit } from "@/server/services/rate-limit";
import { getRedirectSettings } from "@/server/services/settings/redirects";

/** How long a portal session lasts; never beyond its setup link's own expiry. */
const PORTAL_SESSION_HOURS = 8;
export const LINK_EXCHANGES_PER_MINUTE = 30;

export type LinkFailure = "expired" | "revoked" | "used" | "completed" | "unknown";

type ExchangeResult =
  | { ok: true; sessionToken: string; expiresAt: Date; linkKind: "setup" | "api"; intents: PortalIntent[] }
  | { ok: false; reason: LinkFailure };

/**
 * Exchanges a link's token for a portal session. Setup links may be opened again while active;
 * API links exactly once (the row lock makes two simultaneous opens yield one session).
 */
export async function exchangePortalLink(ctx: ServiceContext, input: { token: string; clientIp: string }, now = new Date()): Promise<ExchangeResult> {
  const { db } = ctx;
  await hitRateLimit(db, `portal_exchange:${input.clientIp}`, LINK_EXCHANGES_PER_MINUTE, 60_000, now);
  if (!/^[A-Za-z0-9_-]{43}$/.test(input.token)) return { ok: false, reason: "unknown" };
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(portalLinks)
      .where(eq(portalLinks.tokenHash, sha256Hex(input.token)))
      .for("update");
    if (!link) return { ok: false, reason: "unknown" } as const;
    if (link.revokedAt)
      return { ok: false, reason: link.revokedReason === "completed" ? "completed" : link.revokedReason === "expired" ? "expired" : "revoked" } as const;
    if (link.expiresAt <= now) return { ok: false, reason: "expired" } as const;
    if (link.kind === "api" && link.usedAt) return { ok: false, reason: "used" } as const;
    if (link.kind === "api") await tx.update(portalLinks).set({ usedAt: now }).where(eq(portalLinks.id, link.id));
    const sessionToken = newToken();
    const cap = now.getTime() + PORTAL_SESSION_HOURS * 3_600_000;
    const expiresAt = new Date(link.kind === "setup" ? Math.min(cap, link.expiresAt.getTime()) : cap);
    await tx.insert(portalSessions).values({
      id: newId("portal_session"),
      organizationId: link.organizationId,
      linkId: link.id,
      tokenHash: sha256Hex(sessionToken),
      expiresAt,
      createdAt: now,
    });
    // Sessions that ran out are swept here rather than by a separate job.
    await tx.delete(portalSessions).where(lt(portalSessions.expiresAt, now));
    return { ok: true, sessionToken, expiresAt, linkKind: link.kind, intents: link.intents } as const;
  });
}

export interface PortalSession {
  sessionId: string;
  organizationId: string;
  organizationName: string;
  intents: PortalIntent[];
  linkKind: "setup" | "api";
  returnUrl: string | null;
  /** The success URL the link itself was made with (API links); `successUrlFor` adds the Redirects fallback. */
  successUrl: string | null;
  expiresAt: Date;
}

/**
 * The session behind a portal cookie, or why there is none. A revoked or expired link ends its
 * sessions at once, since the link is checked on every request.
 */
export async function resolvePortalSession(
  db: Db,
  token: string | undefined,
  now = new Date(),
): Promise<{ ok: true; session: PortalSession } | { ok: false; reason: LinkFailure }> {
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return { ok: false, reason: "unknown" };
  const [row] = await db
    .select({ session: portalSessions, link: portalLinks, organizationName: organizations.name })
    .from(portalSessions)
    .innerJoin(portalLinks, eq(portalLinks.id, portalSessions.linkId))
    .innerJoin(organizations, eq(organizations.id, portalSessions.organizationId))
    .where(and(eq(portalSessions.tokenHash, sha256Hex(token))));
  if (!row) return { ok: false, reason: "unknown" };
  // A link that completed its setup opens no new sessions, but the IT admin already inside (often still in
  // the walk-through when the IdP's first request completes it) goes on to the success screen.
  if (row.link.revokedAt && row.link.revokedReason !== "completed") return { ok: false, reason: "revoked" };
  if (row.session.expiresAt <= now || (row.link.kind === "setup" && row.link.expiresAt <= now)) return { ok: false, reason: "expired" };
  const redirects = await getRedirectSettings(db);
  return {
    ok: true,
    session: {
      sessionId: row.session.id,
      organizationId: row.session.organizationId,
      organizationName: row.organizationName,
      intents: row.link.intents,
      linkKind: row.link.kind,
      returnUrl: row.link.returnUrl ?? redirects.defaultReturnUrl,
      successUrl: row.link.successUrl,
      expiresAt: row.session.expiresAt,
    },
  };
}
