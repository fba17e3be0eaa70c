import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres, runMigrations } from "@/db/client";
import postgres from "postgres";
import { buildIfNeeded } from "../../scripts/build-if-needed.mjs";
import { conformanceNotice, haveSharedFixtures } from "./fixtures";
import { cliBundlePath, cliThroughNpmDir, pgliteTemplateDir, pgliteTemplatePath, projectRoot, testDataRoot } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated database on the TEST_DATABASE_URL server that fresh test databases are created from ("" without one). */
    postgresTemplate: string;
  }
}

/**
 * Once per run: build the app for the tests that start the real server, bundle the operator CLI, and
 * migrate one database of each kind to copy from (creating and migrating a database costs seconds;
 * copying one, a fraction of that): a PGlite dump for in-memory databases, a PGlite data directory for
 * servers and the CLI, and, when the run tests PostgreSQL, a template database.
 */
export default async function setup(project: TestProject) {
  if (!haveSharedFixtures()) {
    if (process.env.CI === "true") throw new Error(`${conformanceNotice}\nCI requires the conformance suite.`);
    console.warn(`\n${"#".repeat(100)}\n# ${conformanceNotice}\n${"#".repeat(100)}\n`);
  }
  mkdirSync(testDataRoot, { recursive: true });
  buildIfNeeded({ quiet: true });
  await bundleCli();
  // Migrated on disk, then dumped for the in-memory copies: one database made from scratch, not two.
  rmSync(pgliteTemplateDir, { recursive: true, force: true });
  const template = await openPglite(pgliteTemplateDir);
  await runMigrations(template);
  const dump = await template.dumpDataDir!();
  writeFileSync(pgliteTemplatePath, Buffer.from(await dump.arrayBuffer()));
  await template.close();
  const adminUrl = process.env.TEST_DATABASE_URL;
  const postgresTemplate = adminUrl ? await createPostgresTemplate(adminUrl) : "";
  project.provide("postgresTemplate", postgresTemplate);
  return async () => {
    if (!adminUrl || !postgresTemplate) return;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${postgresTemplate} with (force)`);
    await admin.end();
  };
}

/** The CLI as one file (our code bundled, packages left to node), run with the npm script's `react-server` condition. */
async function bundleCli() {
  rmSync(cliThroughNpmDir, { recursive: true, force: true });
  mkdirSync(cliThroughNpmDir, { recursive: true });
  await build({
    entryPoints: [path.join(projectRoot, "server", "cli", "main.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    conditions: ["react-server"],
    tsconfig: path.join(projectRoot, "tsconfig.json"),
    outfile: cliBundlePath,
    logLevel: "warning",
  });
}

/** A migrated database that nobody connects to (CREATE DATABASE ... TEMPLATE needs that); dropped after the run. */
async function createPostgresTemplate(adminUrl: string): Promise<string> {
  const name = `portico_template_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openPostgres(url.toString(), { max: 1 });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  await admin.end();
  return name;
}
