import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/server/services/api-keys";
import { updateRedirectSettings } from "@/server/services/settings/redirects";
import { projectRoot, testDataRoot } from "../support/paths";
import { startTestIdp, type TestIdp } from "../support/saml-idp-server";
import { migratedDataDir, runCli, startServer, type RunningServer } from "../support/server";
import { portalCookie, seedDatabase, signInThroughIdp, trpc } from "../support/sso-flow";

// Backups of the embedded database: this file uses PGlite data directories whichever database the run tests.
const CALLBACK = "https://app.example.com/sso/callback";
let idp: TestIdp;
let original: { env: Record<string, string>; cleanup: () => Promise<void> };
let server: RunningServer;
let apiKey: string;
const dirs: string[] = [];

function dataDir(): string {
  mkdirSync(testDataRoot, { recursive: true });
  const dir = mkdtempSync(path.join(testDataRoot, "backup-"));
  dirs.push(dir);
  return dir;
}

async function api(base: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A test sign-in through the IdP, from a fresh portal link: it needs the SP key, so the encrypted secrets must read back. */
async function testSignIn(base: string, organizationId: string, connectionId: string) {
  const { body } = await api(base, "POST", "/portal/generate_link", { organization: organizationId, intent: "sso" });
  const cookie = await portalCookie(body.link as string);
  const started = await trpc<{ sessionId: string; request: { url: string } }>(base, cookie, "portal.sso.testSignIn", { id: connectionId });
  const result = await signInThroughIdp(started.request.url, idp);
  const session = await trpc<{ state: string; userEmail: string }>(base, cookie, "portal.sso.session", { id: started.sessionId }, "query");
  return { location: result.location, sessionId: started.sessionId, session };
}

beforeAll(async () => {
  idp = await startTestIdp({ email: "grace@backup-org.example.com", firstName: "Grace", lastName: "Hopper", groups: [] });
  const migrated = migratedDataDir("backup-");
  dirs.push(migrated);
  original = { env: { DATA_DIR: migrated }, cleanup: async () => {} };
  apiKey = await seedDatabase(original.env, async (db) => {
    const ctx = { db, actor: { type: "system" as const, reason: "test" } };
    await updateRedirectSettings(ctx, { defaultReturnUrl: null, successUrls: {}, ssoCallbackUrls: [CALLBACK] });
    return (await createApiKey(ctx, { name: "backup" })).secret;
  });
  server = await startServer({ database: original, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
});

afterAll(async () => {
  await server?.stop();
  await idp?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore of the embedded database", () => {
  it("says the data directory is in use when the process holding it does not answer, and writes nothing", async () => {
    // Another live process holds the lock, and no server socket answers.
    const held = dataDir();
    mkdirSync(path.join(held, "pglite"));
    const holder = spawn(process.execPath, ["--import", "tsx", path.join(projectRoot, "tests/support/lock-holder.ts"), held], {
      cwd: projectRoot,
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        holder.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("held") && resolve());
        holder.once("exit", (code) => reject(new Error(`the lock holder exited with ${code}`)));
      });
      const out = path.join(dataDir(), "refused.tar.gz");
      const result = runCli(["backup", "--out", out], { DATA_DIR: held });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/in use by process \d+.*stop it, then run the backup again/s);
      expect(() => statSync(out)).toThrow();
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it("restores into a fresh data directory that serves the same organizations, connections and directories", { timeout: 180_000 }, async () => {
    const organization = (await api(server.url, "POST", "/organizations", { name: "Backup Org" })).body;
    const link = (await api(server.url, "POST", "/portal/generate_link", { organization: organization.id, intent: "sso" })).body;
    const cookie = await portalCookie(link.link as string);
    const draft = await trpc<{ id: string }>(server.url, cookie, "portal.sso.create", { provider: "okta" });
    await trpc(server.url, cookie, "portal.sso.configure", { id: draft.id, metadataUrl: idp.metadataUrl });
    expect((await testSignIn(server.url, organization.id as string, draft.id)).session.state).toBe("successful");
    const directory = (await api(server.url, "POST", "/directories", { organization_id: organization.id, type: "okta" })).body;
    const user = await fetch(`${server.url}/scim/v2/${directory.id}/Users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${directory.bearer_token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({ userName: "kept.user@backup-org.example.com", active: true }),
    });
    expect(user.status).toBe(201);
    // Taken from the running server, which holds the data directory.
    const file = path.join(dataDir(), "portico-backup.tar.gz");
    const backup = runCli(["backup", "--out", file], original.env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/from the running server \(process \d+\)/);
    expect(backup.stderr).toContain("ENCRYPTION_KEY");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    const port = server.port;
    await server.stop();
    // Stopped, the CLI opens the directory itself.
    const stoppedCopy = runCli(["backup", "--out", path.join(dataDir(), "stopped.tar.gz")], original.env);
    expect(stoppedCopy.status, stoppedCopy.stderr).toBe(0);
    expect(stoppedCopy.stderr).not.toContain("running server");

    const restored = { env: { DATA_DIR: dataDir() }, cleanup: async () => {} };
    const restore = runCli(["restore", "--in", file], restored.env);
    expect(restore.status, restore.stderr).toBe(0);
    const again = runCli(["restore", "--in", file], restored.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("already holds a database");

    server = await startServer({ database: restored, port, env: { OUTBOUND_ALLOW_PRIVATE_ADDRESSES: "true" } });
    expect((await api(server.url, "GET", `/organizations/${organization.id}`)).body).toMatchObject({ id: organization.id, name: "Backup Org" });
    expect((await api(server.url, "GET", `/connections/${draft.id}`)).body).toMatchObject({ id: draft.id, state: "active" });
    expect((await api(server.url, "GET", `/directories/${directory.id}`)).body).toMatchObject({ id: directory.id, organization_id: organization.id });
    const users = (await api(server.url, "GET", `/directory_users?directory=${directory.id}`)).body;
    expect(users.data).toHaveLength(1);
    expect(JSON.stringify(users.data)).toContain("kept.user@backup-org.example.com");
    // The restored SP key still decrypts and signs: a SAML sign-in completes.
    const signIn = await testSignIn(server.url, organization.id as string, draft.id);
    expect(signIn.location).toBe(`${server.url}/portal/sso/sessions/${signIn.sessionId}`);
    expect(signIn.session).toMatchObject({ state: "successful", userEmail: "grace@backup-org.example.com" });
  });
});
