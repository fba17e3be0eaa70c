import { eq, sql } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installationSettings, staff, staffSessions } from "@/db/schema";
import { deriveSecret } from "@/server/crypto/secrets";
import { newToken, sha256Hex } from "@/server/crypto/tokens";
import { newId } from "@/server/ids";
import { AUTH_SECRET_PURPOSE } from "@/server/services/settings/installation";
import { createOwner, SIGN_IN_LIMITS } from "@/server/services/staff";
import { freshDatabaseEnv, startServer, type RunningServer } from "../support/server";
import { plainText, startSmtpServer } from "../support/smtp";
import { bootstrapOwner as initialOwner, eventually } from "../support/staff-browser";
import { dashboardFor, openServerDatabase, SESSION_COOKIE, signInOrThrow, signInOverHttp, signOutOverHttp, trpc } from "../support/staff-http";

/**
 * Staff sessions through the real server: ending one (sign-out, role change, removal, password
 * change) refuses a copy of its cookie at once, and no secret in the database can mint one.
 */
const colleague = { email: "colleague@vendor-e2e.example.com", password: "another long password" };
const target = { email: "target@vendor-e2e.example.com", password: "the target's own password" };
const bootstrapOwner = { ...initialOwner };
const legacySecret = "legacy-plaintext-secret-kept-in-the-database-0123456789";

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let server: RunningServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const start = () => startServer({ env: { SMTP_URL: smtp.url, JOB_POLL_INTERVAL_MS: "200" }, database: { env: database.env, cleanup: async () => {} } });

beforeAll(async () => {
  database = await freshDatabaseEnv();
  smtp = await startSmtpServer();
  // An installation from before: a signing secret stored in plain text, and its staff.
  const handle = await openServerDatabase(database.env);
  await handle.db.insert(installationSettings).values({ key: "auth_secret", value: sql`${JSON.stringify(legacySecret)}::jsonb` });
  await createOwner(handle.db, bootstrapOwner);
  await createOwner(handle.db, colleague);
  await createOwner(handle.db, target);
  await handle.close();
  server = await start();
});

afterAll(async () => {
  await server?.stop();
  await database?.cleanup();
  await smtp?.stop();
});

const url = () => server.url;
const me = (cookie: string) => trpc(url(), cookie, "staff.me");

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

async function forgeCookie(secret: string, claims: Record<string, unknown>): Promise<string> {
  const token = await encode({ token: claims, secret, salt: SESSION_COOKIE, maxAge: 3600 });
  return `${SESSION_COOKIE}=${token}`;
}

describe("the session-signing secret", () => {
  it("is not in the database: a session minted from a dump is refused, while sign-in survives a restart", async () => {
    const cookie = await signInOrThrow(url(), bootstrapOwner);
    const owner = (await me(cookie)).data as { id: string };
    expect(owner.id).toMatch(/^user_/);

    await server.stop();
    const handle = await openServerDatabase(database.env);
    const settings = await handle.db.select().from(installationSettings);
    const candidates = [legacySecret, ...settings.flatMap((s) => stringsIn(s.value))];
    // The attacker's best case: a live session id (so only the signature stands in the way).
    const sid = newToken();
    await handle.db.insert(staffSessions).values({
      id: newId("staff_session"),
      staffId: owner.id,
      tokenHash: sha256Hex(sid),
      lastSeenAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await handle.close();
    server = await start();

    expect((await me(cookie)).data).toMatchObject({ id: owner.id, email: bootstrapOwner.email });
    const claims = { sub: owner.id, sid, email: bootstrapOwner.email };
    for (const candidate of candidates) {
      const forged = await me(await forgeCookie(candidate, claims));
      expect(forged, `signed with a stored value`).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    }
    // The control: signed with the real (derived) secret, the same claims are accepted.
    const realSecret = deriveSecret(AUTH_SECRET_PURPOSE, Buffer.from(process.env.ENCRYPTION_KEY!, "hex"));
    expect((await me(await forgeCookie(realSecret, claims))).data).toMatchObject({ id: owner.id });
    // The plain-text secret an older version stored is gone.
    expect(settings.map((s) => s.key)).not.toContain("auth_secret");
  });
});

describe("sign-in lockout over HTTP", () => {
  it("lets 30 parallel wrong passwords reach the check only 5 times, and tells the member once", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signInOverHttp(url(), { email: target.email, password: `wrong guess number ${i}` })),
    );
    const codes = attempts.map((a) => a.code);
    expect(codes.filter((c) => c === "invalid_credentials")).toHaveLength(SIGN_IN_LIMITS.perEmailAndClient);
    expect(codes.filter((c) => c === "rate_limited")).toHaveLength(30 - SIGN_IN_LIMITS.perEmailAndClient);
    expect((await signInOverHttp(url(), target)).code).toBe("rate_limited");

    const toTarget = () => smtp.messages.filter((m) => m.to.includes(target.email));
    await eventually(() => (toTarget().length > 0 ? true : null), { what: "the sign-in alert" });
    await new Promise((r) => setTimeout(r, 1500));
    expect(toTarget()).toHaveLength(1);
    expect(plainText(toTarget()[0]!.raw)).toContain("wrong password");
  });
});

describe("ending staff sessions", () => {
  it("refuses a copied cookie after sign-out, on pages and in tRPC", async () => {
    const cookie = await signInOrThrow(url(), bootstrapOwner);
    const other = await signInOrThrow(url(), bootstrapOwner);
    expect(await dashboardFor(url(), cookie)).toBe("page");
    await signOutOverHttp(url(), cookie);
    expect(await dashboardFor(url(), cookie)).toBe("/sign-in");
    expect(await me(cookie)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    // Only that session ended: the owner's other device is still signed in.
    expect((await me(other)).status).toBe(200);
  });

  it("ends a member's sessions when an owner changes their role", async () => {
    const owner = await signInOrThrow(url(), bootstrapOwner);
    const theirs = await signInOrThrow(url(), colleague);
    const { id } = (await me(theirs)).data as { id: string };
    expect(await trpc(url(), owner, "staff.changeRole", { id, role: "viewer" }, "mutation")).toMatchObject({ status: 200 });
    expect(await me(theirs)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await dashboardFor(url(), theirs)).toBe("/sign-in");
    // Signing in again gives a session with the new role.
    expect((await me(await signInOrThrow(url(), colleague))).data).toMatchObject({ role: "viewer" });
  });

  it("ends a removed member's sessions", async () => {
    const owner = await signInOrThrow(url(), bootstrapOwner);
    const theirs = await signInOrThrow(url(), colleague);
    const { id } = (await me(theirs)).data as { id: string };
    expect(await trpc(url(), owner, "staff.remove", { id }, "mutation")).toMatchObject({ status: 200 });
    expect(await me(theirs)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await dashboardFor(url(), theirs)).toBe("/sign-in");
  });

  it("ends every session of a member who changes their password, and only the new password signs in", async () => {
    const here = await signInOrThrow(url(), bootstrapOwner);
    const elsewhere = await signInOrThrow(url(), bootstrapOwner);
    const wrong = await trpc(url(), here, "staff.changePassword", { currentPassword: "not my password", newPassword: "a brand new password" }, "mutation");
    expect(wrong).toMatchObject({ status: 400, code: "BAD_REQUEST" });
    expect((await me(elsewhere)).status).toBe(200);

    const newPassword = "a brand new password";
    const changed = await trpc(url(), here, "staff.changePassword", { currentPassword: bootstrapOwner.password, newPassword }, "mutation");
    expect(changed).toMatchObject({ status: 200 });
    expect(await me(elsewhere)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await me(here)).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    expect(await dashboardFor(url(), elsewhere)).toBe("/sign-in");
    expect((await signInOverHttp(url(), bootstrapOwner)).code).toBe("invalid_credentials");
    bootstrapOwner.password = newPassword;
    expect((await me(await signInOrThrow(url(), bootstrapOwner))).status).toBe(200);
  });

  it("keeps the session ids hashed at rest", async () => {
    await server.stop();
    const handle = await openServerDatabase(database.env);
    const rows = await handle.db.select({ tokenHash: staffSessions.tokenHash }).from(staffSessions).innerJoin(staff, eq(staff.id, staffSessions.staffId));
    await handle.close();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
