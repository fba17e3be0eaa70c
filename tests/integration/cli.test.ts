import { spawn } from "node:child_process";
import { lstatSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { DataDirInUseError } from "@/db/lock";
import { freshDatabaseEnv, migratedDataDir, runCli, startServer } from "../support/server";

describe("operator CLI", () => {
  // The operator's first commands go through the npm script, as the README has them.
  const npm = { npm: true };
  let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
  beforeAll(async () => {
    // Empty: the first command is the migration under test.
    database = await freshDatabaseEnv({ empty: true });
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("migrates, creates an owner and an API key, and lists organizations", () => {
    const migrate = runCli(["migrate"], database.env, npm);
    expect(migrate.status, migrate.stderr).toBe(0);

    const owner = runCli(["create-owner", "--email", "ops@vendor.example.com", "--password", "a long enough password"], database.env, npm);
    expect(owner.status, owner.stderr).toBe(0);
    expect(owner.stdout).toContain("ops@vendor.example.com");

    const link = runCli(["create-owner", "--email", "second@vendor.example.com"], database.env, npm);
    expect(link.status, link.stderr).toBe(0);
    expect(link.stdout.trim()).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);

    const key = runCli(["create-api-key", "--name", "automation"], database.env, npm);
    expect(key.status, key.stderr).toBe(0);
    // Scripts do KEY=$(npm run -s portico -- create-api-key ...): stdout is the key and nothing else.
    expect(key.stdout).toMatch(/^sk_[A-Za-z0-9_-]{43}\n$/);

    const list = runCli(["list-organizations"], database.env, npm);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toBe("");
    expect(list.stderr).toContain("No organizations yet.");
  }, 180_000);

  it("explains bad input and unknown commands without a stack trace", () => {
    const duplicate = runCli(["create-owner", "--email", "ops@vendor.example.com", "--password", "a long enough password"], database.env);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toContain("already has an account");
    const weak = runCli(["create-owner", "--email", "weak@vendor.example.com", "--password", "short"], database.env);
    expect(weak.status).toBe(1);
    expect(weak.stderr).toContain("password");
    const missing = runCli(["create-api-key"], database.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("needs --name");
    const unknown = runCli(["frobnicate"], database.env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown command 'frobnicate'");
    for (const result of [duplicate, weak, missing, unknown]) expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the embedded database lock", () => {
  it("makes a second process on a data directory in use fail at once, naming the holder", async () => {
    const server = await startServer({ database: { env: { DATA_DIR: migratedDataDir("lock-") }, cleanup: async () => {} } });
    try {
      const dataDir = server.databaseEnv.DATA_DIR!;
      // The running server's database is private to its owner (directories 700, files 600).
      const open: string[] = [];
      const visit = (target: string) => {
        const stat = lstatSync(target);
        if (stat.mode & 0o077) open.push(`${target} ${(stat.mode & 0o777).toString(8)}`);
        if (stat.isDirectory()) for (const name of readdirSync(target)) visit(path.join(target, name));
      };
      visit(dataDir);
      expect(open).toEqual([]);
      const started = Date.now();
      const cli = runCli(["create-api-key", "--name", "intruder"], { DATA_DIR: dataDir });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toBe("");
      expect(cli.stderr).toMatch(/is in use by process \d+ \(serve\.mjs/);
      expect(Date.now() - started).toBeLessThan(30_000);

      const second = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", "0"], {
        env: { ...process.env, NODE_ENV: "production", DATA_DIR: dataDir },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      second.stdout.on("data", (c) => (output += c));
      second.stderr.on("data", (c) => (output += c));
      const exitCode = await new Promise<number | null>((resolve) => second.on("exit", resolve));
      expect(exitCode).not.toBe(0);
      expect(output).toContain("is in use by process");
    } finally {
      await server.stop();
      rmSync(server.databaseEnv.DATA_DIR!, { recursive: true, force: true });
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = migratedDataDir("stale-");
    writeFileSync(
      path.join(dir, "portico.lock"),
      JSON.stringify({ pid: 999_999, host: (await import("node:os")).hostname(), command: "gone", since: "2020-01-01" }),
    );
    const handle = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
    await handle.close();
    const again = await openPglite(dir);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
