import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { staff, staffInvitations } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "@/server/errors";
import {
  acceptInvitation,
  changeStaffRole,
  createOwner,
  ensureFirstRunAccess,
  inspectInvitation,
  inviteStaff,
  removeStaff,
  revokeInvitation,
  SIGN_IN_LIMITS,
  verifyStaffCredentials,
} from "@/server/services/staff";
import { createTestDb } from "../support/db";
import { asStaff } from "../support/context";

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
    expect(await inspectInvitation(handle.db, tokenOf(first.url))).toEqual({ status: "revoked" });
    expect(await inspectInvitation(handle.db, tokenOf(second.url))).toMatchObject({ status: "valid", role: "owner", email: null });

    const owner = await acceptInvitation(handle.db, { token: tokenOf(second.url), email: "Owner@Vendor.example.com", name: "Olive", password });
    expect(owner).toMatchObject({ email: "owner@vendor.example.com", role: "owner" });
    expect(await inspectInvitation(handle.db, tokenOf(second.url))).toEqual({ status: "used" });
    await expect(acceptInvitation(handle.db, { token: tokenOf(second.url), email: "x@vendor.example.com", name: "", password })).rejects.toBeInstanceOf(NotFoundError);
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

  it("locks an email after repeated failures, even for the right password, but not other emails", async () => {
    const email = "second-owner@vendor.example.com";
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) {
      expect(await verifyStaffCredentials(handle.db, { email, password: `guess-${i}-xxxxxxx`, ip: `203.0.113.${i}` })).toBeNull();
    }
    await expect(verifyStaffCredentials(handle.db, { email, password, ip: "203.0.113.99" })).rejects.toBeInstanceOf(RateLimitedError);
    expect(await verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password, ip: "203.0.113.99" })).not.toBeNull();
    // After the window, the email may try again.
    const later = new Date(Date.now() + SIGN_IN_LIMITS.windowMs + 1000);
    expect(await verifyStaffCredentials(handle.db, { email, password, ip: "203.0.113.99" }, later)).not.toBeNull();
  });

  it("locks an address that sprays many emails", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await verifyStaffCredentials(handle.db, { email: `spray${i}@vendor.example.com`, password: "nope nope nope", ip });
    }
    await expect(verifyStaffCredentials(handle.db, { email: "owner@vendor.example.com", password, ip })).rejects.toBeInstanceOf(RateLimitedError);
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
    const joined = await acceptInvitation(handle.db, { token: tokenOf(url), name: "Vi", password });
    expect(joined).toMatchObject({ email: "viewer@vendor.example.com", role: "viewer" });
    await expect(inviteStaff(owner(), { email: "viewer@vendor.example.com", role: "admin" })).rejects.toBeInstanceOf(ConflictError);
  });

  it("refuses invitations from admins and viewers", async () => {
    await expect(inviteStaff((await asStaff(handle.db, "admin")), { email: "a@vendor.example.com", role: "viewer" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(inviteStaff((await asStaff(handle.db, "viewer")), { email: "a@vendor.example.com", role: "viewer" })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("makes a revoked or expired invitation unusable", async () => {
    const revoked = await inviteStaff(owner(), { email: "revoked@vendor.example.com", role: "admin" });
    await revokeInvitation(owner(), revoked.invitation.id);
    expect(await inspectInvitation(handle.db, tokenOf(revoked.url))).toEqual({ status: "revoked" });
    await expect(acceptInvitation(handle.db, { token: tokenOf(revoked.url), name: "", password })).rejects.toBeInstanceOf(NotFoundError);

    const expiring = await inviteStaff(owner(), { email: "late@vendor.example.com", role: "admin" });
    const eightDaysLater = new Date(Date.now() + 8 * 86_400_000);
    expect(await inspectInvitation(handle.db, tokenOf(expiring.url), eightDaysLater)).toEqual({ status: "expired" });
    await expect(acceptInvitation(handle.db, { token: tokenOf(expiring.url), name: "", password }, eightDaysLater)).rejects.toBeInstanceOf(NotFoundError);
    expect(await inspectInvitation(handle.db, "not-a-token")).toEqual({ status: "unknown" });
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
