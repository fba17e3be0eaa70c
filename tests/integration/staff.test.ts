import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { count, eq, lt } from "drizzle-orm";
import { jobs, mailMessages, signInAttempts, signInCounters, staff, staffInvitations } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { runDueJobs } from "@/server/jobs/runner";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "@/server/errors";
import {
  acceptInvitation,
  changeOwnPassword,
  endStaffSession,
  resolveStaffSession,
  STAFF_SESSION_MS,
  startStaffSession,
  changeStaffRole,
  createOwner,
  ensureFirstRunAccess,
  inspectInvitation,
  inviteStaff,
  removeStaff,
  PRUNE_SIGN_IN_RECORDS_JOB,
  revokeInvitation,
  schedulePruningOfSignInRecords,
  SIGN_IN_ATTEMPT_RETENTION_MS,
  SIGN_IN_LIMITS,
  verifyStaffCredentials,
} from "@/server/services/staff";
import { createTestDb } from "../support/db";
import { plainText, startSmtpServer } from "../support/smtp";
import { resetEnvForTests } from "@/server/env";
import { asStaff } from "../support/context";
import { publicContext } from "@/server/services/context";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const tokenOf = (url: string) => url.split("/invite/")[1]!;
const password = "correct horse battery staple";

describe("first run and owners", () => {
  it("issues a one-time owner setup link while nobody can sign in, and a new one replaces the old", async () => {
    const first = await ensureFirstRunAccess(handle.db);
    const second = await ensureFirstRunAccess(handle.db);
    if (first.kind !== "setup_link" || second.kind !== "setup_link") throw new Error("expected setup links");
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), tokenOf(first.url))).toEqual({ status: "revoked" });
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), tokenOf(second.url))).toMatchObject({ status: "valid", role: "owner", email: null });

    const owner = await acceptInvitation(publicContext(handle.db, "invitation"), {
      token: tokenOf(second.url),
      email: "Owner@Vendor.example.com",
      name: "Olive",
      password,
    });
    expect(owner).toMatchObject({ email: "owner@vendor.example.com", role: "owner" });
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), tokenOf(second.url))).toEqual({ status: "used" });
    await expect(
      acceptInvitation(publicContext(handle.db, "invitation"), { token: tokenOf(second.url), email: "x@vendor.example.com", name: "", password }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await ensureFirstRunAccess(handle.db)).toEqual({ kind: "ready" });
  });

  it("stores passwords as argon2id hashes and tokens as SHA-256 only", async () => {
    const [member] = await handle.db.select().from(staff);
    expect(member!.passwordHash).toMatch(/^\$argon2id\$/);
    const invitations = await handle.db.select().from(staffInvitations);
    for (const invitation of invitations) expect(invitation.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("creates an owner from the CLI path with a password, refusing a duplicate email", async () => {
    await createOwner(handle.db, { email: "second-owner@vendor.example.com", password });
    await expect(createOwner(handle.db, { email: "second-owner@vendor.example.com", password })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("sign-in", () => {
  it("accepts the right password, refuses a wrong one and an unknown email alike", async () => {
    expect(await verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password, ip: "198.51.100.1" })).toMatchObject({ role: "owner" });
    expect(await verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password: "wrong password!", ip: "198.51.100.1" })).toBeNull();
    expect(await verifyStaffCredentials(handle.db, { email: "ghost@vendor.example.com", password, ip: "198.51.100.1" })).toBeNull();
  });

  it("locks a client address out of one account, while the member still signs in from another address", async () => {
    const email = "second-owner@vendor.example.com";
    const attacker = "203.0.113.7";
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient; i++) {
      expect(await verifyStaffCredentials(handle.db, { email, password: `guess-${i}-xxxxxxx`, ip: attacker })).toBeNull();
    }
    await expect(verifyStaffCredentials(handle.db, { email, password, ip: attacker })).rejects.toBeInstanceOf(RateLimitedError);
    // Hammering on from the locked address must not use up the account's allowance for everyone else.
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail + 10; i++) {
      await expect(verifyStaffCredentials(handle.db, { email, password: "still guessing", ip: attacker })).rejects.toBeInstanceOf(RateLimitedError);
    }
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: "198.51.100.20" })).toMatchObject({ email });
    // After the window, the attacker's address may try again.
    const later = new Date(Date.now() + SIGN_IN_LIMITS.windowMs + 1000);
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: attacker }, later)).not.toBeNull();
  });

  it("counts and checks in one step: 30 parallel wrong passwords reach the password check at most 5 times", async () => {
    const email = "parallel@vendor.example.com";
    await createOwner(handle.db, { email, password });
    const results = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => verifyStaffCredentials(handle.db, { email, password: `parallel guess ${i}`, ip: "192.0.2.30" })),
    );
    const checked = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected" && r.reason instanceof RateLimitedError);
    expect(checked).toHaveLength(SIGN_IN_LIMITS.perEmailAndClient);
    expect(refused).toHaveLength(30 - SIGN_IN_LIMITS.perEmailAndClient);
    // The attempts table records exactly the attempts whose password was verified.
    const [row] = await handle.db.select({ n: count() }).from(signInAttempts).where(eq(signInAttempts.email, email));
    expect(row!.n).toBe(SIGN_IN_LIMITS.perEmailAndClient);
  });

  it("does not count successful sign-ins toward a lock", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient * 2; i++) {
      expect(await verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password, ip: "198.51.100.50" })).not.toBeNull();
    }
  });

  it("holds a per-email limit across many addresses, to slow a distributed guesser, but not at the member's usual address", async () => {
    const email = "distributed@vendor.example.com";
    await createOwner(handle.db, { email, password });
    const usualAddress = "198.51.100.77";
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: usualAddress })).not.toBeNull();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      expect(await verifyStaffCredentials(handle.db, { email, password: "distributed guess", ip: `10.1.${i >> 8}.${i & 255}` })).toBeNull();
    }
    await expect(verifyStaffCredentials(handle.db, { email, password: "distributed guess", ip: "10.2.0.1" })).rejects.toBeInstanceOf(RateLimitedError);
    await expect(verifyStaffCredentials(handle.db, { email, password, ip: "10.2.0.2" })).rejects.toBeInstanceOf(RateLimitedError);
    // The member's usual address, where they signed in before, is not held up by strangers' guesses.
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: usualAddress })).not.toBeNull();
    const nextWindow = new Date(Date.now() + SIGN_IN_LIMITS.emailWindowMs + 1000);
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: "10.2.0.2" }, nextWindow)).not.toBeNull();
  });

  it("locks an address that sprays many emails", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perClient; i++) {
      await verifyStaffCredentials(handle.db, { email: `spray${i}@vendor.example.com`, password: "nope nope nope", ip });
    }
    await expect(verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password, ip })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("emails the member once per window when their account is being guessed at, and never a stranger", async () => {
    const email = "alerted@vendor.example.com";
    await createOwner(handle.db, { email, password });
    const sentTo = async (to: string) => (await handle.db.select().from(mailMessages).where(eq(mailMessages.to, to))).length;
    const guess = (ip: string, who = email) => verifyStaffCredentials(handle.db, { email: who, password: "wrong wrong wrong", ip }).catch((e: unknown) => e);
    for (const ip of ["203.0.113.101", "203.0.113.102"]) {
      for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient + 3; i++) await guess(ip);
    }
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient + 3; i++) await guess("203.0.113.103", "nobody@stranger.example.com");
    while ((await runDueJobs(handle.db, jobHandlers)) > 0) {
      // Drain.
    }
    expect(await sentTo(email)).toBe(1);
    expect(await sentTo("nobody@stranger.example.com")).toBe(0);
    const [message] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, email));
    expect(message!.text).toContain("203.0.113.10");
  });

  it("prunes old sign-in records on the job queue, keeping recent ones", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - SIGN_IN_ATTEMPT_RETENTION_MS - 86_400_000);
    await handle.db.insert(signInAttempts).values([
      { id: "attempt_old_prune", email: "prune@vendor.example.com", ip: "192.0.2.1", succeeded: false, createdAt: old },
      { id: "attempt_new_prune", email: "prune@vendor.example.com", ip: "192.0.2.1", succeeded: false, createdAt: now },
    ]);
    await handle.db.insert(signInCounters).values({ key: "email:prune@vendor.example.com", windowStart: old, count: 3 });
    await schedulePruningOfSignInRecords(handle.db, now);
    await runDueJobs(handle.db, jobHandlers, now);
    const left = await handle.db.select({ id: signInAttempts.id }).from(signInAttempts).where(eq(signInAttempts.email, "prune@vendor.example.com"));
    expect(left.map((r) => r.id)).toEqual(["attempt_new_prune"]);
    expect(await handle.db.select().from(signInCounters).where(lt(signInCounters.windowStart, old))).toEqual([]);
    expect(await handle.db.select().from(signInCounters).where(eq(signInCounters.windowStart, old))).toEqual([]);
    // It stays scheduled, to run again in an hour.
    const [job] = await handle.db.select().from(jobs).where(eq(jobs.kind, PRUNE_SIGN_IN_RECORDS_JOB));
    expect(job).toMatchObject({ state: "queued" });
    expect(job!.runAt.getTime()).toBeGreaterThan(now.getTime() + 30 * 60_000);
  });
});

describe("staff sessions and passwords", () => {
  it("ends a session 12 hours after sign-in however active it was, and on sign-out", async () => {
    const member = await asStaff(handle.db, "admin");
    const now = new Date();
    const token = await startStaffSession(handle.db, member.actor.staffId, now);
    expect(await resolveStaffSession(handle.db, token, new Date(now.getTime() + STAFF_SESSION_MS - 1000))).toBe(member.actor.staffId);
    expect(await resolveStaffSession(handle.db, token, new Date(now.getTime() + STAFF_SESSION_MS + 1000))).toBeNull();
    const other = await startStaffSession(handle.db, member.actor.staffId, now);
    await endStaffSession(handle.db, other);
    expect(await resolveStaffSession(handle.db, other, now)).toBeNull();
    expect(await resolveStaffSession(handle.db, "not-a-session", now)).toBeNull();
  });

  it("limits guesses at the current password when changing it, so a stolen session cannot find the password", async () => {
    const member = await asStaff(handle.db, "viewer");
    for (let i = 0; i < SIGN_IN_LIMITS.perEmailAndClient; i++) {
      await expect(changeOwnPassword(member, { currentPassword: `guess ${i}`, newPassword: "a brand new password" })).rejects.toMatchObject({
        code: "invalid_request_parameters",
      });
    }
    await expect(changeOwnPassword(member, { currentPassword: "guess again", newPassword: "a brand new password" })).rejects.toBeInstanceOf(RateLimitedError);
  });
});

describe("staff invitations and roles", () => {
  let ownerContext: Awaited<ReturnType<typeof asStaff>>;
  const owner = () => ownerContext;
  beforeAll(async () => {
    ownerContext = await asStaff(handle.db, "owner");
  });

  it("lets an owner invite with a role; the invitee joins once with that role", async () => {
    const { url } = await inviteStaff(owner(), { email: "viewer@vendor.example.com", role: "viewer" });
    const joined = await acceptInvitation(publicContext(handle.db, "invitation"), { token: tokenOf(url), name: "Vi", password });
    expect(joined).toMatchObject({ email: "viewer@vendor.example.com", role: "viewer" });
    await expect(inviteStaff(owner(), { email: "viewer@vendor.example.com", role: "admin" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("emails the invitation through SMTP, and keeps no readable link in the stored mail either way", async () => {
    const outboxed = await inviteStaff(owner(), { email: "outboxed@vendor.example.com", role: "viewer" });
    expect(outboxed.delivery).toBe("outbox");
    const [kept] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, "outboxed@vendor.example.com"));
    expect(kept!.text).toContain("invited you to the Portico dashboard as viewer");
    expect(JSON.stringify(kept)).not.toContain(tokenOf(outboxed.url));

    const smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    resetEnvForTests();
    try {
      const mailed = await inviteStaff(owner(), { email: "mailed@vendor.example.com", role: "admin" });
      expect(mailed.delivery).toBe("smtp");
      const message = smtp.messages.find((m) => m.to.includes("mailed@vendor.example.com"));
      expect(plainText(message!.raw)).toContain(mailed.url);
      expect(plainText(message!.raw)).toContain("as admin");
      const [stored] = await handle.db.select().from(mailMessages).where(eq(mailMessages.to, "mailed@vendor.example.com"));
      expect(stored).toMatchObject({ transport: "smtp", sealedLink: null });
      expect(JSON.stringify(stored)).not.toContain(tokenOf(mailed.url));
    } finally {
      delete process.env.SMTP_URL;
      resetEnvForTests();
      await smtp.stop();
    }
  });

  it("refuses invitations from admins and viewers", async () => {
    await expect(inviteStaff(await asStaff(handle.db, "admin"), { email: "a@vendor.example.com", role: "viewer" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(inviteStaff(await asStaff(handle.db, "viewer"), { email: "a@vendor.example.com", role: "viewer" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("makes a revoked or expired invitation unusable", async () => {
    const revoked = await inviteStaff(owner(), { email: "revoked@vendor.example.com", role: "admin" });
    await revokeInvitation(owner(), revoked.invitation.id);
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), tokenOf(revoked.url))).toEqual({ status: "revoked" });
    await expect(acceptInvitation(publicContext(handle.db, "invitation"), { token: tokenOf(revoked.url), name: "", password })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    const expiring = await inviteStaff(owner(), { email: "late@vendor.example.com", role: "admin" });
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), tokenOf(expiring.url), eightDaysLater)).toEqual({ status: "expired" });
    await expect(
      acceptInvitation(publicContext(handle.db, "invitation"), { token: tokenOf(expiring.url), name: "", password }, eightDaysLater),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await inspectInvitation(publicContext(handle.db, "invitation"), "not-a-token")).toEqual({ status: "unknown" });
  });

  it("keeps at least one owner and never lets an owner remove themself", async () => {
    const lastOwner = owner();
    const others = (await handle.db.select().from(staff)).filter((m) => m.role === "owner" && m.id !== lastOwner.actor.staffId);
    for (const other of others) await changeStaffRole(lastOwner, { id: other.id, role: "admin" });
    await expect(changeStaffRole(lastOwner, { id: lastOwner.actor.staffId, role: "viewer" })).rejects.toMatchObject({ code: "last_owner" });
    await expect(removeStaff(lastOwner, lastOwner.actor.staffId)).rejects.toBeInstanceOf(ForbiddenError);
    const viewer = (await handle.db.select().from(staff)).find((m) => m.role === "viewer")!;
    await removeStaff(lastOwner, viewer.id);
    expect((await handle.db.select().from(staff)).map((m) => m.id)).not.toContain(viewer.id);
  });
});
